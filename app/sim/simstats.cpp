#include "sim/simstats.h"

#include <QJsonArray>

QJsonObject SimStats::toJson() const {
    return QJsonObject{
        {QStringLiteral("requests_started"), requestsStarted},
        {QStringLiteral("requests_completed"), requestsCompleted},
        {QStringLiteral("requests_failed"), requestsFailed},
        {QStringLiteral("in_flight"), inFlight},
        {QStringLiteral("max_in_flight"), maxInFlight},
        {QStringLiteral("running"), running},
        {QStringLiteral("queued"), queued},
        {QStringLiteral("tokens_emitted"), tokensEmitted},
        {QStringLiteral("schedule_slip_p50_ms"), scheduleSlipP50Ms},
        {QStringLiteral("schedule_slip_p99_ms"), scheduleSlipP99Ms},
        {QStringLiteral("schedule_slip_max_ms"), scheduleSlipMaxMs},
        {QStringLiteral("slip_samples"), slipSamples},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("schedule_resets"), scheduleResets},
        {QStringLiteral("open_connections"), openConnections},
        {QStringLiteral("prompt_tokens"), promptTokens},
        {QStringLiteral("early_stops"), earlyStops},
        {QStringLiteral("prefix_queried_blocks"), prefixQueriedBlocks},
        {QStringLiteral("prefix_hit_blocks"), prefixHitBlocks},
        {QStringLiteral("prefix_queried_words"), prefixQueriedWords},
        {QStringLiteral("prefix_hit_words"), prefixHitWords},
        {QStringLiteral("prefix_evicted_blocks"), prefixEvictedBlocks},
        {QStringLiteral("prefix_cached_blocks"), prefixCachedBlocks},
        {QStringLiteral("preemptions"), preemptions},
        {QStringLiteral("kv_tokens_used"), kvTokensUsed},
        {QStringLiteral("kv_cache_tokens"), kvCacheTokens},
        {QStringLiteral("kv_usage"), kvUsage()},
    };
}

QJsonObject SimRequestTruth::toJson() const {
    QJsonObject o{
        {QStringLiteral("id"), qint64(id)},
        {QStringLiteral("finish_seq"), qint64(finishSeq)},
        {QStringLiteral("path"), path},
        {QStringLiteral("prompt_tokens"), promptTokens},
        {QStringLiteral("max_tokens"), maxTokens},
        {QStringLiteral("tokens_sent"), tokensSent},
        {QStringLiteral("arrival_ns"), arrivalNs},
        {QStringLiteral("admitted_ns"), admittedNs},
        {QStringLiteral("first_token_ns"), firstTokenNs},
        {QStringLiteral("last_token_ns"), lastTokenNs},
        {QStringLiteral("finished_ns"), finishedNs},
        {QStringLiteral("planned_first_token_ns"), plannedFirstTokenNs},
        {QStringLiteral("planned_last_token_ns"), plannedLastTokenNs},
        {QStringLiteral("fault"), fault},
        {QStringLiteral("http_status"), httpStatus},
        {QStringLiteral("stream"), stream},
        {QStringLiteral("planned_tokens"), plannedTokens},
        {QStringLiteral("planned_end"), plannedEnd},
        {QStringLiteral("ignore_eos"), ignoreEos},
        {QStringLiteral("min_tokens"), minTokens},
        {QStringLiteral("finish_reason"), finishReason},
        {QStringLiteral("cached_words"), cachedWords},
        {QStringLiteral("preemptions"), preemptions},
    };
    if (!answerDigest.isEmpty())
        o.insert(QStringLiteral("answer_digest"), answerDigest);
    if (!historyDigests.isEmpty())
        o.insert(QStringLiteral("history_digests"), QJsonArray::fromStringList(historyDigests));
    return o;
}
