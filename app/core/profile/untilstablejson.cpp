#include "profile/untilstablejson.h"

#include "profile/jsonfieldreader.h"
#include "profile/latencyjson.h"

const QList<LatencyMetric>& UntilStableJson::metrics() {
    static const QList<LatencyMetric> metrics = {LatencyMetric::Ttft, LatencyMetric::Tpot,
                                                 LatencyMetric::E2e};
    return metrics;
}

const QList<LatencyStat>& UntilStableJson::stats() {
    static const QList<LatencyStat> stats = {LatencyStat::P50, LatencyStat::P90, LatencyStat::P95,
                                             LatencyStat::P99};
    return stats;
}

QJsonObject UntilStableJson::toJson(const SweepPlan::UntilStable& s) {
    return {
        {QStringLiteral("throughput_half_width"), s.throughputHalfWidth},
        {QStringLiteral("latency_half_width"), s.latencyHalfWidth},
        {QStringLiteral("metric"), LatencyNames::key(s.metric)},
        {QStringLiteral("stat"), LatencyNames::key(s.stat)},
        {QStringLiteral("min_s"), s.minSeconds},
        {QStringLiteral("max_s"), s.maxSeconds},
    };
}

bool UntilStableJson::fromJson(const QJsonObject& object, const QString& path,
                               SweepPlan::UntilStable* s, QString* error) {
    JsonFieldReader reader(object, path, error);
    SweepPlan::UntilStable read;
    read.enabled = true;
    reader.readDouble(QStringLiteral("throughput_half_width"), &read.throughputHalfWidth,
                      kMinHalfWidth, kMaxHalfWidth);
    reader.readDouble(QStringLiteral("latency_half_width"), &read.latencyHalfWidth, kMinHalfWidth,
                      kMaxHalfWidth);
    LatencyJson::readMetric(&reader, QStringLiteral("metric"), metrics(), &read.metric);
    LatencyJson::readStat(&reader, QStringLiteral("stat"), stats(), &read.stat);
    reader.readDouble(QStringLiteral("min_s"), &read.minSeconds, kMinSeconds, kMaxSeconds);
    reader.readDouble(QStringLiteral("max_s"), &read.maxSeconds, kMinSeconds, kMaxSeconds);
    if (!reader.finish())
        return false;
    if (read.minSeconds > read.maxSeconds) {
        *error = QStringLiteral("field '") + path +
                 QStringLiteral(".min_s' must not exceed max_s (%1 s > %2 s)")
                     .arg(read.minSeconds)
                     .arg(read.maxSeconds);
        return false;
    }
    *s = read;
    return true;
}
