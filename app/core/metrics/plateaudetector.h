#pragma once

#include "levelsummary.h"
#include "sweepsummary.h"

#include <QList>

// METRICS.md "Plateau": plateau_tps, plateaued, knee_concurrency.
class PlateauDetector {
public:
    // levels in sweep order; gainThreshold e.g. 0.05 for "< 5% gain".
    static PlateauResult detect(const QList<LevelSummary>& levels, double gainThreshold);
};
