#include "results/serverrunmetricsbuilder.h"

#include <QLocale>
#include <cmath>

namespace {
QString tokensPerSecond(double value) {
    return QLocale::c().toString(value, 'f', 0) + QStringLiteral(" tok/s");
}

void setCrossCheck(const LevelSummary& level, ServerLevelFigures* figures) {
    if (!figures->generationTps) {
        figures->crossCheckNote = QStringLiteral("no cross-check: the server reported no "
                                                 "generation token counter over the window");
        return;
    }
    if (level.throughputSource != QLatin1String("steady_window")) {
        figures->crossCheckNote = QStringLiteral("no cross-check: the level's rates are not "
                                                 "over its steady window");
        return;
    }
    const double measured = level.outputThroughputTps;
    if (!std::isfinite(measured) || measured <= 0.0) {
        figures->crossCheckNote = QStringLiteral("no cross-check: no output measured");
        return;
    }
    const double difference = (*figures->generationTps - measured) / measured;
    figures->crossCheckDifference = difference;
    figures->crossCheckFlagged = std::abs(difference) > ServerLevelFigures::kCrossCheckTolerance;
    if (figures->crossCheckFlagged)
        figures->crossCheckNote =
            QStringLiteral("server %1 vs measured %2 (%3%4%): another client on the server, "
                           "tokens the client lost, or a counting mismatch")
                .arg(tokensPerSecond(*figures->generationTps), tokensPerSecond(measured),
                     difference > 0 ? QStringLiteral("+") : QString(),
                     QLocale::c().toString(difference * 100.0, 'f', 1));
}

// A counter's rate over the scrape intervals wholly inside [t0, t1]; nullopt when none is.
// An interval that straddles the window's edge may hold the next level's load (a level's
// drain is shorter than a scrape interval): prorating it would count that load in.
std::optional<double> rateInside(const MetricSeries* series, qint64 t0, qint64 t1) {
    if (!series)
        return std::nullopt;
    double increase = 0.0;
    qint64 coveredMs = 0;
    for (const MetricSeries::Interval& interval : series->intervals()) {
        if (interval.reset || interval.startMs < t0 || interval.endMs > t1)
            continue;
        increase += interval.increase;
        coveredMs += interval.endMs - interval.startMs;
    }
    if (coveredMs <= 0)
        return std::nullopt;
    return increase * 1000.0 / double(coveredMs);
}

// Gauges as sampled, counters as a rate per interval, histograms as their p50 and p99.
void exportSeries(const MetricSeries& series, const QString& key,
                  std::map<QString, ServerRunMetrics::Series>* out) {
    switch (series.kind()) {
    case MetricKind::Gauge: {
        ServerRunMetrics::Series& points = (*out)[key];
        for (const MetricSeries::Point& point : series.points())
            points.append({point.tMs, point.value});
        break;
    }
    case MetricKind::Counter: {
        ServerRunMetrics::Series& points = (*out)[key + QStringLiteral("_per_s")];
        for (const MetricSeries::Interval& interval : series.intervals()) {
            if (!interval.reset && interval.endMs > interval.startMs)
                points.append({interval.endMs, interval.ratePerSecond()});
        }
        break;
    }
    case MetricKind::Histogram: {
        ServerRunMetrics::Series& p50 = (*out)[key + QStringLiteral("_p50_s")];
        ServerRunMetrics::Series& p99 = (*out)[key + QStringLiteral("_p99_s")];
        for (const MetricSeries::HistogramInterval& interval : series.histogramIntervals()) {
            if (std::isfinite(interval.p50))
                p50.append({interval.endMs, interval.p50});
            if (std::isfinite(interval.p99))
                p99.append({interval.endMs, interval.p99});
        }
        break;
    }
    }
}
} // namespace

ServerLevelFigures ServerRunMetricsBuilder::figuresFor(const ServerMetricsTimeline& timeline,
                                                       const LevelSummary& level) {
    ServerLevelFigures figures;
    figures.index = level.index;
    if (!std::isfinite(level.windowStartMs) || !std::isfinite(level.windowEndMs) ||
        level.windowEndMs <= level.windowStartMs) {
        figures.crossCheckNote = QStringLiteral("no cross-check: the level has no steady window");
        return figures;
    }
    const auto t0 = qint64(std::floor(level.windowStartMs));
    const auto t1 = qint64(std::ceil(level.windowEndMs));
    const ServerWindowFigures window = timeline.window(t0, t1);
    figures.generationTps = rateInside(timeline.series(ServerMetric::GenerationTokens), t0, t1);
    if (!figures.generationTps) // a window shorter than a scrape interval: prorated
        figures.generationTps = window.generationTokensPerSecond;
    figures.promptTps = rateInside(timeline.series(ServerMetric::PromptTokens), t0, t1);
    if (!figures.promptTps)
        figures.promptTps = window.promptTokensPerSecond;
    figures.runningMean = window.runningMean;
    figures.waitingMean = window.waitingMean;
    figures.kvUsageMax = window.kvUsageMax;
    figures.prefixHitRate = window.prefixHitRate;
    if (const MetricSeries* preemptions = timeline.series(ServerMetric::Preemptions))
        figures.preemptions = preemptions->increase(t0, t1);
    setCrossCheck(level, &figures);
    return figures;
}

ServerRunMetrics ServerRunMetricsBuilder::build(const ServerMetricsTimeline& timeline,
                                                const Source& source,
                                                const QList<LevelSummary>& levels) {
    ServerRunMetrics metrics;
    metrics.enabled = true;
    metrics.url = source.url;
    metrics.engine = ServerVocabulary::engineName(timeline.engine());
    metrics.intervalMs = source.intervalMs;
    metrics.scrapes = timeline.scrapes();
    metrics.warnings = source.warnings;
    for (ServerMetric metric : ServerVocabulary::all()) {
        if (const MetricSeries* series = timeline.series(metric))
            exportSeries(*series, ServerVocabulary::key(metric), &metrics.series);
    }
    for (const auto& [metric, name] : timeline.sourceNames())
        metrics.sourceNames[ServerVocabulary::key(metric)] = name;
    metrics.extraNames = source.extraNames;
    for (const QString& name : timeline.extraNames()) {
        if (const MetricSeries* series = timeline.extra(name))
            exportSeries(*series, name, &metrics.extras);
    }
    for (const LevelSummary& level : levels)
        metrics.levels.append(figuresFor(timeline, level));
    return metrics;
}
