#include "results/levelruninfojson.h"

#include "results/jsontime.h"

#include <algorithm>
#include <cmath>

using namespace JsonTime;

namespace {
// Conversation counts (issue 16), in both forms, only for levels that ran conversations.
QJsonObject withConversations(QJsonObject o, const LevelRunInfo& i) {
    if (i.conversationsStarted > 0) {
        o.insert(QStringLiteral("conversations_started"), i.conversationsStarted);
        o.insert(QStringLiteral("conversations_completed"), i.conversationsCompleted);
    }
    return o;
}

QJsonValue percentOrNull(double share) {
    return std::isfinite(share) ? QJsonValue(share * 100.0) : QJsonValue();
}

double shareOrNaN(const QJsonValue& value) {
    return value.isDouble() && std::isfinite(value.toDouble()) ? value.toDouble() / 100.0
                                                               : std::nan("");
}

// An embeddings level's batch size (issue 14), absent for other flavors as in older files.
QJsonObject withBatchSize(QJsonObject o, const LevelRunInfo& i) {
    if (i.batchSize > 0)
        o.insert(QStringLiteral("batch_size"), i.batchSize);
    return o;
}

// The until-stable end, in the journal's level_end line (so a rebuild has it too).
QJsonObject withStability(QJsonObject o, const LevelRunInfo& i) {
    if (!i.stability.ended.isEmpty())
        o.insert(QStringLiteral("stability"), LevelRunInfoJson::stabilityToJson(i));
    return o;
}

void readConversations(const QJsonObject& o, LevelRunInfo* i) {
    i->conversationsStarted =
        std::max(0, smallInt(o.value(QStringLiteral("conversations_started")), 0));
    i->conversationsCompleted =
        std::max(0, smallInt(o.value(QStringLiteral("conversations_completed")), 0));
    i->batchSize = std::max(0, smallInt(o.value(QStringLiteral("batch_size")), 0));
}
} // namespace

QJsonObject LevelRunInfoJson::toJournalJson(const LevelRunInfo& i) {
    const QJsonObject o{
        {QStringLiteral("index"), i.index},
        {QStringLiteral("is_rate"), i.isRate},
        {QStringLiteral("concurrency"), i.concurrency},
        {QStringLiteral("rate"), i.rate},
        {QStringLiteral("warmup_requests"), i.warmupRequests},
        {QStringLiteral("start_ns"), i.startNs},
        {QStringLiteral("issue_stop_ns"), i.issueStopNs},
        {QStringLiteral("end_ns"), i.endNs},
        {QStringLiteral("client_cpu_seconds"), i.clientCpuSeconds},
        {QStringLiteral("event_loop_lag_p99_ms"), i.eventLoopLagP99Ms},
        {QStringLiteral("complete"), i.complete},
    };
    return withStability(withConversations(withBatchSize(o, i), i), i);
}

LevelRunInfo LevelRunInfoJson::fromJournalJson(const QJsonObject& o) {
    LevelRunInfo i;
    i.index = smallInt(o.value(QStringLiteral("index")), -1);
    i.isRate = o.value(QStringLiteral("is_rate")).toBool();
    i.concurrency = smallInt(o.value(QStringLiteral("concurrency")), 0);
    i.rate = finiteOr(o.value(QStringLiteral("rate")), 0.0);
    i.warmupRequests = smallInt(o.value(QStringLiteral("warmup_requests")), 0);
    i.startNs = o.value(QStringLiteral("start_ns")).toInteger(-1);
    i.issueStopNs = o.value(QStringLiteral("issue_stop_ns")).toInteger(-1);
    i.endNs = o.value(QStringLiteral("end_ns")).toInteger(-1);
    i.clientCpuSeconds = finiteOr(o.value(QStringLiteral("client_cpu_seconds")), 0.0);
    i.eventLoopLagP99Ms = finiteOr(o.value(QStringLiteral("event_loop_lag_p99_ms")), 0.0);
    i.complete = o.value(QStringLiteral("complete")).toBool();
    readConversations(o, &i);
    i.stability = stabilityFromJson(o.value(QStringLiteral("stability")));
    return i;
}

QJsonObject LevelRunInfoJson::toResultsJson(const LevelRunInfo& i, qint64 runStartNs) {
    const QJsonObject o{
        {QStringLiteral("index"), i.index},
        {QStringLiteral("is_rate"), i.isRate},
        {QStringLiteral("concurrency"), i.concurrency},
        {QStringLiteral("rate"), i.rate},
        {QStringLiteral("warmup_requests"), i.warmupRequests},
        {QStringLiteral("start_ms"), offsetMs(i.startNs, runStartNs)},
        {QStringLiteral("issue_stop_ms"), offsetMs(i.issueStopNs, runStartNs)},
        {QStringLiteral("end_ms"), offsetMs(i.endNs, runStartNs)},
        {QStringLiteral("client_cpu_s"), i.clientCpuSeconds},
        {QStringLiteral("event_loop_lag_p99_ms"), i.eventLoopLagP99Ms},
        {QStringLiteral("complete"), i.complete},
    };
    return withConversations(withBatchSize(o, i), i);
}

LevelRunInfo LevelRunInfoJson::fromResultsJson(const QJsonObject& o, qint64 runStartNs) {
    LevelRunInfo i;
    i.index = smallInt(o.value(QStringLiteral("index")), -1);
    i.isRate = o.value(QStringLiteral("is_rate")).toBool();
    i.concurrency = smallInt(o.value(QStringLiteral("concurrency")), 0);
    i.rate = finiteOr(o.value(QStringLiteral("rate")), 0.0);
    i.warmupRequests = smallInt(o.value(QStringLiteral("warmup_requests")), 0);
    i.startNs = nsFromMs(o.value(QStringLiteral("start_ms")), runStartNs);
    i.issueStopNs = nsFromMs(o.value(QStringLiteral("issue_stop_ms")), runStartNs);
    i.endNs = nsFromMs(o.value(QStringLiteral("end_ms")), runStartNs);
    i.clientCpuSeconds = finiteOr(o.value(QStringLiteral("client_cpu_s")), 0.0);
    i.eventLoopLagP99Ms = finiteOr(o.value(QStringLiteral("event_loop_lag_p99_ms")), 0.0);
    i.complete = o.value(QStringLiteral("complete")).toBool();
    readConversations(o, &i);
    return i;
}

QJsonObject LevelRunInfoJson::stabilityToJson(const LevelRunInfo& info) {
    const LevelRunInfo::Stability& s = info.stability;
    return {{QStringLiteral("ended"), s.ended},
            {QStringLiteral("latency"), s.latency},
            {QStringLiteral("throughput_half_width_pct"), percentOrNull(s.throughputHalfWidth)},
            {QStringLiteral("latency_half_width_pct"), percentOrNull(s.latencyHalfWidth)}};
}

LevelRunInfo::Stability LevelRunInfoJson::stabilityFromJson(const QJsonValue& value) {
    LevelRunInfo::Stability s;
    const QJsonObject o = value.toObject();
    const QString ended = o.value(QStringLiteral("ended")).toString();
    // Only the words this build writes: a file's text never reaches a table unchecked.
    if (ended != QLatin1String("stable") && ended != QLatin1String("max_time") &&
        ended != QLatin1String("stopped"))
        return s;
    s.ended = ended;
    s.latency = o.value(QStringLiteral("latency")).toString().left(16);
    s.throughputHalfWidth = shareOrNaN(o.value(QStringLiteral("throughput_half_width_pct")));
    s.latencyHalfWidth = shareOrNaN(o.value(QStringLiteral("latency_half_width_pct")));
    return s;
}
