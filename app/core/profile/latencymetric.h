#pragma once

#include <QString>
#include <QStringList>
#include <optional>

// Which latency a figure is about, and which statistic of its distribution. Typed inside
// the program; turned into the strings files, flags and the GUI use only at the edges,
// through the one mapping below (the strings themselves never change: profiles, results
// files and --budget carry them).
enum class LatencyMetric {
    Ttft,  // "ttft": time to the first token
    Tpot,  // "tpot": time per output token after the first
    E2e,   // "e2e": send to last byte
    Itl,   // "itl": gaps between tokens
    Queue, // "queue": scheduled to sent (client-side queueing)
    Ttfb,  // "ttfb": time to the first byte
    Ttfe,  // "ttfe": time to the first event
};

enum class LatencyStat {
    Mean, // "mean"
    P50,  // "p50" (also read from "median")
    P90,  // "p90"
    P95,  // "p95"
    P99,  // "p99"
    Max,  // "max"
    Min,  // "min"
    Std,  // "std"
    Count // "count"
};

namespace LatencyNames {
QString key(LatencyMetric metric); // "ttft"
QString key(LatencyStat stat);     // "p95"
std::optional<LatencyMetric> metricFromKey(const QString& key);
std::optional<LatencyStat> statFromKey(const QString& key); // "median" reads as P50
// For a person: "TTFT", "TPOT", "ITL", "TTFB", "TTFE"; "e2e" and "queue" stay lower case as
// docs/METRICS.md writes them.
QString displayName(LatencyMetric metric);
QString displayName(LatencyMetric metric, LatencyStat stat); // "TTFT p95", "e2e p99"
// The quantile a percentile stands for (P95 → 0.95); nullopt for the other statistics.
std::optional<double> quantile(LatencyStat stat);

// What a latency budget may limit, in the order flags and editors list them.
const QList<LatencyMetric>& budgetMetrics(); // ttft, tpot, e2e, itl
const QList<LatencyStat>& budgetStats();     // mean, p50, p90, p95, p99, max
QStringList keys(const QList<LatencyMetric>& metrics);
QStringList keys(const QList<LatencyStat>& stats);
} // namespace LatencyNames
