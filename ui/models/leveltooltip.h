#pragma once

#include "metrics/levelsummary.h"

#include <QString>

// The numbers of one level as a small HTML table, for chart hover tooltips.
class LevelToolTip {
public:
    static QString html(const LevelSummary& level, const QString& runName = {});
};
