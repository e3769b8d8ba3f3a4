#pragma once

#include "results/runresult.h"
#include "stats/comparison.h"

#include <QList>
#include <QString>
#include <QStringList>

// One figure of BASE against NEW: a level's throughput or latency percentile, or a sweep
// figure (plateau_tps). delta = new - base, with its 95% interval and significance by the
// test docs/METRICS.md names for the figure.
struct FigureComparison {
    QString level;  // "c=16", "5 rps", or "sweep"
    QString figure; // "output_throughput_tps", "ttft.p95", "plateau_tps"...
    QString unit;   // "tok/s", "ms", ""
    bool higherIsBetter = false;
    Comparison result;
};

// Compares two results files level by level (matched by concurrency, or by rate), for
// `plateau-cli compare`. Throughput: Welch's t on the two levels' batch-means intervals;
// latency percentiles: the two-sample bootstrap of the percentile over the levels' successful
// requests (seeded: the same files always give the same answer).
class RunComparison {
public:
    // The figure names compared, in table order ("plateau_tps", "output_throughput_tps",
    // "ttft.p50", ...); the gate expressions accept exactly these.
    static QStringList figureNames();
    static QList<FigureComparison> compare(const RunResult& base, const RunResult& candidate);
    // Levels of one run with no counterpart in the other ("c=64 only in NEW").
    static QStringList unmatchedLevels(const RunResult& base, const RunResult& candidate);
    // The level with LevelSummary::index `index`, or null.
    static const LevelSummary* levelByIndex(const RunResult& run, int index);
};
