#include "results/resultsrecordfields.h"

#include <QHash>

#include <string_view>

namespace {
// Every key RecordJson::fromResultsJson reads (tpot_ms is written, never read back).
// string_views: their lengths known at compile time (no strlen per comparison, perf).
constexpr std::array<std::string_view, ResultsRecordFields::kSlots> kKeys = {
    "id",
    "level",
    "warmup",
    "t_send_ms",
    "t_end_ms",
    "queue_ms",
    "ttfb_ms",
    "ttfe_ms",
    "ttft_ms",
    "e2e_ms",
    "itl_ms",
    "output_tokens",
    "output_tokens_source",
    "input_tokens",
    "input_tokens_source",
    "http_status",
    "finish_reason",
    "error",
    "error_message",
    "server_request_id",
    "server_total_ms",
    "server_load_ms",
    "server_prompt_eval_ms",
    "server_eval_ms",
    "requested_output_tokens",
    "early_stop",
    "prefix_group",
    "conversation_id",
    "turn_index",
    "source_index",
    "embedding_inputs",
};

const QHash<QString, int>& slotsByKey() {
    static const QHash<QString, int> slots = [] {
        QHash<QString, int> byKey;
        for (size_t i = 0; i < kKeys.size(); ++i)
            byKey.insert(QLatin1String(kKeys[i].data(), qsizetype(kKeys[i].size())), int(i));
        return byKey;
    }();
    return slots;
}
} // namespace

int ResultsRecordFields::slotOf(const char* key, qsizetype length) {
    const std::string_view wanted(key, size_t(length));
    for (size_t i = 0; i < kKeys.size(); ++i) {
        if (wanted == kKeys[i])
            return int(i);
    }
    return kNoSlot;
}

int ResultsRecordFields::itlSlot() {
    static const int slot = slotOf("itl_ms", 6);
    return slot;
}

QJsonValue ResultsRecordFields::value(const QString& key) const {
    const int slot = slotsByKey().value(key, kNoSlot);
    return slot == kNoSlot ? QJsonValue(QJsonValue::Undefined) : m_values[size_t(slot)];
}
