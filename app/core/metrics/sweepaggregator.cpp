#include "metrics/sweepaggregator.h"

#include "metrics/budgetevaluator.h"
#include "metrics/plateaudetector.h"

#include <cmath>

SweepSummary SweepAggregator::summarize(const QList<LevelSummary>& levels,
                                        const LatencyBudget& budget, double plateauGainThreshold) {
    SweepSummary sweep;
    sweep.levels = levels;
    // The budget may have changed since a level was summarized (edited in the UI, or a
    // results file re-read with another profile): judge every level against this one.
    for (LevelSummary& level : sweep.levels)
        level.withinBudget = BudgetEvaluator::levelMeets(level, budget);
    sweep.batchPlateaus = batchPlateaus(sweep.levels, plateauGainThreshold);
    if (sweep.batchPlateaus.isEmpty())
        sweep.plateau = PlateauDetector::detect(sweep.levels, plateauGainThreshold);
    for (const PlateauResult& curve : std::as_const(sweep.batchPlateaus)) {
        if (std::isnan(sweep.plateau.plateauTps) || curve.plateauTps > sweep.plateau.plateauTps)
            sweep.plateau = curve;
    }
    sweep.budget = BudgetEvaluator::best(sweep.levels, budget); // over every (c, batch)
    return sweep;
}

QList<int> SweepAggregator::batchSizes(const QList<LevelSummary>& levels) {
    QList<int> sizes;
    for (const LevelSummary& level : levels)
        if (level.batchSize > 0 && !sizes.contains(level.batchSize))
            sizes.append(level.batchSize);
    return sizes;
}

QList<PlateauResult> SweepAggregator::batchPlateaus(const QList<LevelSummary>& levels,
                                                    double plateauGainThreshold) {
    const QList<int> sizes = batchSizes(levels);
    if (sizes.size() < 2)
        return {};
    QList<PlateauResult> plateaus;
    for (int size : sizes) {
        QList<LevelSummary> curve;
        for (const LevelSummary& level : levels)
            if (level.batchSize == size)
                curve.append(level);
        PlateauResult plateau = PlateauDetector::detect(curve, plateauGainThreshold);
        plateau.batchSize = size;
        plateaus.append(plateau);
    }
    return plateaus;
}
