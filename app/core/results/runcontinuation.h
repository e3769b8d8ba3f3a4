#pragma once

#include "results/runresult.h"

#include <QString>

// Levels measured after a run had finished (the GUI's Refine and "Measure c=N here", issue 13)
// added to that run, so its curve gains the points and its summary (plateau, knee, best in
// budget) counts them. The continuation is a run of its own on the same clock: its records
// come after the run's, their level numbers after its levels'; each added level is summarized
// again against the run's start, then the sweep over every level.
class RunContinuation {
public:
    // False (and `*error`) when `more` cannot continue `into`: its clock starts before `into`
    // ended (a run loaded from a file has a clock of its own), or `more` measured nothing.
    static bool append(RunResult& into, const RunResult& more, QString* error);
    // The moment `into` ended: its last level's or record's end (MonotonicClock ns).
    static qint64 endNs(const RunResult& run);
};
