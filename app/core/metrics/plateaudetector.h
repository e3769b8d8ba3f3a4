#pragma once

#include "metrics/levelsummary.h"
#include "metrics/sweepsummary.h"

#include <QList>

// docs/METRICS.md "Plateau": plateau_tps, plateaued, knee_concurrency, with their intervals;
// a step counts as "gained < threshold" only when the levels' intervals say so (GainDecision).
class PlateauDetector {
public:
    // levels in sweep order; gainThreshold e.g. 0.05 for "< 5% gain". Levels that are not
    // LevelSummary::conclusive() (every request failed, target never in flight) take no
    // part: they can be neither the peak, nor a step of the plateau, nor a knee.
    static PlateauResult detect(const QList<LevelSummary>& levels, double gainThreshold);
    // Not plateaued, and the peak is the heaviest load that measured anything: the sweep
    // stopped while throughput was still rising, so a heavier load is worth trying. False
    // when a heavier level measured less, or failed outright.
    static bool stillRising(const QList<LevelSummary>& levels, const PlateauResult& result);
};
