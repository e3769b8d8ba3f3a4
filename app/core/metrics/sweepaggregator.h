#pragma once

#include "latencybudget.h"
#include "levelsummary.h"
#include "sweepsummary.h"

#include <QList>

// Assembles the per-sweep view: plateau and best level within budget.
class SweepAggregator {
public:
    static SweepSummary summarize(const QList<LevelSummary>& levels, const LatencyBudget& budget,
                                  double plateauGainThreshold);
};
