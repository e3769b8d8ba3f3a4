#pragma once

#include "metrics/levelsummary.h"
#include "metrics/sweepsummary.h"
#include "profile/latencybudget.h"

#include <QList>

// Assembles the per-sweep view: plateau and best level within budget.
class SweepAggregator {
public:
    static SweepSummary summarize(const QList<LevelSummary>& levels, const LatencyBudget& budget,
                                  double plateauGainThreshold);
    // Issue 14: the batch sizes of a batch-size sweep's levels in run order (fewer than two:
    // one curve), and each size's plateau over its own levels.
    static QList<int> batchSizes(const QList<LevelSummary>& levels);
    static QList<PlateauResult> batchPlateaus(const QList<LevelSummary>& levels,
                                              double plateauGainThreshold);
};
