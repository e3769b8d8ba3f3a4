#pragma once

#include "results/runresult.h"

#include <QString>

// The end-of-run report of a repeated run (`--repeat N`, N > 1): per level, the mean of each
// main figure over the runs with "±" half its between-run 95% interval (a Student t interval
// over the N per-run values), then the plateau's. "" for a run that was not repeated.
class BetweenRunsTable {
public:
    static QString render(const RunResult& result);
    // "~7,900 ± 120 tok/s over 3 runs", "~7,900 tok/s (1 run)"
    static QString plateauLine(const BetweenRuns& between);
};
