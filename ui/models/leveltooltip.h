#pragma once

#include "metrics/levelsummary.h"
#include "profile/endpointprice.h"

#include <QString>

// The numbers of one level as a small HTML table, for chart hover tooltips; with the run's
// endpoint price, the level's cost too (issue 14).
class LevelToolTip {
public:
    static QString html(const LevelSummary& level, const QString& runName = {},
                        const EndpointPrice& price = {});
};
