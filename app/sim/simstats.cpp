#include "simstats.h"

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
    };
}

QJsonObject SimRequestTruth::toJson() const {
    return QJsonObject{
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
    };
}
