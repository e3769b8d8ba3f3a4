#pragma once

#include "metrics/levelsummary.h"
#include "profile/latencybudget.h"
#include "profile/latencymetric.h"

#include <QString>
#include <QStringList>

// Read-only access to a LevelSummary by latency metric and statistic (the core's
// LatencyMetric / LatencyStat), plus the human-facing names of metrics, stats and levels.
// Kept in the UI so the charts and tables agree on wording and never reach into the struct
// field by field. The overloads taking keys ("e2e", "p95": a results file's figure names) are
// the edge: they map through LatencyNames and nothing else.
class LevelMetrics {
public:
    // The latency metrics and stats selectable on the throughput-latency chart's x axis.
    static const QList<LatencyMetric>& chartMetrics(); // e2e, ttft, tpot
    static const QList<LatencyStat>& chartStats();     // p50, p90, p95, p99

    static const LatencyStats* stats(const LevelSummary& level, LatencyMetric metric);
    static double stat(const LatencyStats& stats, LatencyStat stat); // NaN if not kept
    static double value(const LevelSummary& level, LatencyMetric metric, LatencyStat stat);
    static QString metricShort(LatencyMetric metric); // "TTFT", "E2E"

    static const LatencyStats* stats(const LevelSummary& level, const QString& metric);
    static double stat(const LatencyStats& stats, const QString& statName); // NaN if unknown
    static double value(const LevelSummary& level, const QString& metric, const QString& stat);

    static QString metricTitle(LatencyMetric metric);                 // "TTFT", "E2E latency"
    static QString metricShort(const QString& metric);                // "TTFT", "E2E"
    static QString axisTitle(LatencyMetric metric, LatencyStat stat); // "E2E latency p50"

    static QString shortLabel(const LevelSummary& level); // "c=16" / "5 rps"
    static QString longLabel(const LevelSummary& level);  // "concurrency 16" / "5 req/s"
    // The x position of a level on a concurrency chart: N for closed loop, rps for open.
    static double loadValue(const LevelSummary& level);
    // The levels in load order, for the lines drawn through them: refine (issue 13) appends
    // levels after the plan's that belong between them.
    static QList<LevelSummary> byLoad(const QList<LevelSummary>& levels);

    static QString limitText(const LatencyLimit& limit);    // "TTFT p95 ≤ 500 ms"
    static QString budgetText(const LatencyBudget& budget); // limits joined with ", "
};
