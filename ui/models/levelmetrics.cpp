#include "models/levelmetrics.h"

#include "models/uiformat.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

const QList<LatencyMetric>& LevelMetrics::chartMetrics() {
    static const QList<LatencyMetric> metrics = {LatencyMetric::E2e, LatencyMetric::Ttft,
                                                 LatencyMetric::Tpot};
    return metrics;
}

const QList<LatencyStat>& LevelMetrics::chartStats() {
    using S = LatencyStat;
    static const QList<LatencyStat> stats = {S::P50, S::P90, S::P95, S::P99};
    return stats;
}

const LatencyStats* LevelMetrics::stats(const LevelSummary& level, LatencyMetric metric) {
    switch (metric) {
    case LatencyMetric::Ttft:
        return &level.ttftMs;
    case LatencyMetric::Tpot:
        return &level.tpotMs;
    case LatencyMetric::E2e:
        return &level.e2eMs;
    case LatencyMetric::Itl:
        return &level.itlMs;
    case LatencyMetric::Queue:
        return &level.queueMs;
    case LatencyMetric::Ttfb:
        return &level.ttfbMs;
    case LatencyMetric::Ttfe:
        return &level.ttfeMs;
    }
    return nullptr;
}

double LevelMetrics::stat(const LatencyStats& stats, LatencyStat stat) {
    switch (stat) {
    case LatencyStat::P50:
        return stats.p50;
    case LatencyStat::P90:
        return stats.p90;
    case LatencyStat::P95:
        return stats.p95;
    case LatencyStat::P99:
        return stats.p99;
    case LatencyStat::Mean:
        return stats.mean;
    case LatencyStat::Max:
        return stats.max;
    case LatencyStat::Min:
        return stats.min;
    case LatencyStat::Std:
    case LatencyStat::Count:
        break; // not offered by the UI
    }
    return kNaN;
}

double LevelMetrics::value(const LevelSummary& level, LatencyMetric metric, LatencyStat stat) {
    return LevelMetrics::stat(*stats(level, metric), stat);
}

const LatencyStats* LevelMetrics::stats(const LevelSummary& level, const QString& metric) {
    const std::optional<LatencyMetric> typed = LatencyNames::metricFromKey(metric);
    return typed ? stats(level, *typed) : nullptr;
}

double LevelMetrics::stat(const LatencyStats& stats, const QString& statName) {
    const std::optional<LatencyStat> typed = LatencyNames::statFromKey(statName);
    return typed ? stat(stats, *typed) : kNaN;
}

double LevelMetrics::value(const LevelSummary& level, const QString& metric, const QString& stat) {
    const LatencyStats* s = stats(level, metric);
    return s ? LevelMetrics::stat(*s, stat) : kNaN;
}

QString LevelMetrics::metricTitle(LatencyMetric metric) {
    if (metric == LatencyMetric::E2e)
        return QObject::tr("E2E latency");
    return metricShort(metric);
}

QString LevelMetrics::metricShort(LatencyMetric metric) {
    switch (metric) {
    case LatencyMetric::E2e:
        return u"E2E"_s;
    case LatencyMetric::Queue:
        return QObject::tr("Queue");
    default:
        return LatencyNames::displayName(metric); // "TTFT", "TPOT", "ITL", ...
    }
}

QString LevelMetrics::metricShort(const QString& metric) {
    const std::optional<LatencyMetric> typed = LatencyNames::metricFromKey(metric);
    return typed ? metricShort(*typed) : metric.toUpper();
}

QString LevelMetrics::axisTitle(LatencyMetric metric, LatencyStat stat) {
    return metricTitle(metric) % u' ' % LatencyNames::key(stat);
}

QString LevelMetrics::shortLabel(const LevelSummary& level) {
    if (level.isRate)
        return UiFormat::number(level.rate, 3) % u" rps"_s;
    return u"c="_s % QString::number(level.concurrency);
}

QString LevelMetrics::longLabel(const LevelSummary& level) {
    const QString load = level.isRate ? UiFormat::number(level.rate, 3) % u" req/s"_s
                                      : QObject::tr("concurrency %1").arg(level.concurrency);
    // An embeddings level names its batch size: a batch-size sweep has one curve per size.
    return level.batchSize > 0 ? QObject::tr("%1, batch %2").arg(load).arg(level.batchSize) : load;
}

double LevelMetrics::loadValue(const LevelSummary& level) {
    return level.isRate ? level.rate : double(level.concurrency);
}

QString LevelMetrics::limitText(const LatencyLimit& limit) {
    return metricShort(limit.metric) % u' ' % LatencyNames::key(limit.stat) % u" ≤ "_s %
           UiFormat::ms(limit.maxMs);
}

QString LevelMetrics::budgetText(const LatencyBudget& budget) {
    QStringList parts;
    for (const LatencyLimit& limit : budget.limits)
        parts.append(limitText(limit));
    return parts.join(u", "_s);
}

QList<LevelSummary> LevelMetrics::byLoad(const QList<LevelSummary>& levels) {
    QList<LevelSummary> sorted = levels;
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const LevelSummary& a, const LevelSummary& b) { return loadValue(a) < loadValue(b); });
    return sorted;
}
