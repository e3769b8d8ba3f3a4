#include "results/journalkeys.h"

#include <array>
#include <utility>

namespace {
// Every camelCase key an older journal line can carry, and its name today.
constexpr std::array<std::pair<const char*, const char*>, 30> kLegacyKeys = {{
    {"clientCpuSeconds", "client_cpu_seconds"},
    {"contentEventDeltasNs", "content_event_deltas_ns"},
    {"endNs", "end_ns"},
    {"endpointUrl", "endpoint_url"},
    {"errorMessage", "error_message"},
    {"eventLoopLagP99Ms", "event_loop_lag_p99_ms"},
    {"finishReason", "finish_reason"},
    {"httpStatus", "http_status"},
    {"inputTokens", "input_tokens"},
    {"inputTokensSource", "input_tokens_source"},
    {"isRate", "is_rate"},
    {"issueStopNs", "issue_stop_ns"},
    {"outputTokens", "output_tokens"},
    {"outputTokensSource", "output_tokens_source"},
    {"overheadTokens", "overhead_tokens"},
    {"probeEstimatedTokens", "probe_estimated_tokens"},
    {"runStartNs", "run_start_ns"},
    {"startNs", "start_ns"},
    {"startedAt", "started_at"},
    {"stopReason", "stop_reason"},
    {"tEndNs", "t_end_ns"},
    {"tFirstContentNs", "t_first_content_ns"},
    {"tFirstEventNs", "t_first_event_ns"},
    {"tHeadersNs", "t_headers_ns"},
    {"tLastContentNs", "t_last_content_ns"},
    {"tSchedNs", "t_sched_ns"},
    {"tSendNs", "t_send_ns"},
    {"tokensPerEstimatedToken", "tokens_per_estimated_token"},
    {"toolVersion", "tool_version"},
    {"warmupRequests", "warmup_requests"},
}};
} // namespace

namespace JournalKeys {

void upgradeLegacy(QJsonObject* line) {
    for (const auto& [legacy, current] : kLegacyKeys) {
        const auto found = line->constFind(QLatin1String(legacy));
        if (found == line->constEnd())
            continue;
        const QString name = QLatin1String(current);
        if (!line->contains(name))
            line->insert(name, found.value());
        line->remove(QLatin1String(legacy));
    }
}

} // namespace JournalKeys
