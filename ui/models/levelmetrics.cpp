#include "models/levelmetrics.h"

#include "models/uiformat.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

QStringList LevelMetrics::chartMetrics() {
    return {u"e2e"_s, u"ttft"_s, u"tpot"_s};
}

QStringList LevelMetrics::chartStats() {
    return {u"p50"_s, u"p90"_s, u"p95"_s, u"p99"_s};
}

const LatencyStats* LevelMetrics::stats(const LevelSummary& level, const QString& metric) {
    if (metric == QLatin1String("ttft"))
        return &level.ttftMs;
    if (metric == QLatin1String("tpot"))
        return &level.tpotMs;
    if (metric == QLatin1String("e2e"))
        return &level.e2eMs;
    if (metric == QLatin1String("itl"))
        return &level.itlMs;
    if (metric == QLatin1String("queue"))
        return &level.queueMs;
    if (metric == QLatin1String("ttfb"))
        return &level.ttfbMs;
    if (metric == QLatin1String("ttfe"))
        return &level.ttfeMs;
    return nullptr;
}

double LevelMetrics::stat(const LatencyStats& stats, const QString& statName) {
    if (statName == QLatin1String("p50"))
        return stats.p50;
    if (statName == QLatin1String("p90"))
        return stats.p90;
    if (statName == QLatin1String("p95"))
        return stats.p95;
    if (statName == QLatin1String("p99"))
        return stats.p99;
    if (statName == QLatin1String("mean"))
        return stats.mean;
    if (statName == QLatin1String("max"))
        return stats.max;
    if (statName == QLatin1String("min"))
        return stats.min;
    return kNaN;
}

double LevelMetrics::value(const LevelSummary& level, const QString& metric, const QString& stat) {
    const LatencyStats* s = stats(level, metric);
    return s ? LevelMetrics::stat(*s, stat) : kNaN;
}

QString LevelMetrics::metricTitle(const QString& metric) {
    if (metric == QLatin1String("e2e"))
        return QObject::tr("E2E latency");
    if (metric == QLatin1String("itl"))
        return QObject::tr("ITL");
    return metricShort(metric);
}

QString LevelMetrics::metricShort(const QString& metric) {
    if (metric == QLatin1String("ttft"))
        return u"TTFT"_s;
    if (metric == QLatin1String("tpot"))
        return u"TPOT"_s;
    if (metric == QLatin1String("e2e"))
        return u"E2E"_s;
    if (metric == QLatin1String("itl"))
        return u"ITL"_s;
    if (metric == QLatin1String("queue"))
        return QObject::tr("Queue");
    return metric.toUpper();
}

QString LevelMetrics::axisTitle(const QString& metric, const QString& stat) {
    return metricTitle(metric) % u' ' % stat;
}

QString LevelMetrics::shortLabel(const LevelSummary& level) {
    if (level.isRate)
        return UiFormat::number(level.rate, 3) % u" rps"_s;
    return u"c="_s % QString::number(level.concurrency);
}

QString LevelMetrics::longLabel(const LevelSummary& level) {
    if (level.isRate)
        return UiFormat::number(level.rate, 3) % u" req/s"_s;
    return QObject::tr("concurrency %1").arg(level.concurrency);
}

double LevelMetrics::loadValue(const LevelSummary& level) {
    return level.isRate ? level.rate : double(level.concurrency);
}

QString LevelMetrics::limitText(const LatencyLimit& limit) {
    return metricShort(limit.metric) % u' ' % limit.stat % u" ≤ "_s % UiFormat::ms(limit.maxMs);
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
