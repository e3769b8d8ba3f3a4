#include "metrics/sweepaggregator.h"

#include "metrics/budgetevaluator.h"
#include "metrics/plateaudetector.h"

SweepSummary SweepAggregator::summarize(const QList<LevelSummary>& levels,
                                        const LatencyBudget& budget, double plateauGainThreshold) {
    SweepSummary sweep;
    sweep.levels = levels;
    // The budget may have changed since a level was summarized (edited in the UI, or a
    // results file re-read with another profile): judge every level against this one.
    for (LevelSummary& level : sweep.levels)
        level.withinBudget = BudgetEvaluator::levelMeets(level, budget);
    sweep.plateau = PlateauDetector::detect(sweep.levels, plateauGainThreshold);
    sweep.budget = BudgetEvaluator::best(sweep.levels, budget);
    return sweep;
}
