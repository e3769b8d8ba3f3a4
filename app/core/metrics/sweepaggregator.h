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
};
