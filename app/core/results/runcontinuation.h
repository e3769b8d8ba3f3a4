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
    // Moves every time of `more` (its start, its levels', its records') so it starts at
    // `startNs`: a continuation measured now of a run loaded from a file (whose clock is not
    // this process's) is put right after that run's end. Durations are unchanged; only the
    // gap between the two is not the real one.
    static void rebase(RunResult& more, qint64 startNs);
    // A run loaded from a results file (ResultsJson::loadedRunStartNs): continue it with
    // rebase(more, endNs(run) + kLoadedGapNs) first.
    static bool isLoaded(const RunResult& run);
    static constexpr qint64 kLoadedGapNs = 1'000'000'000; // 1 s between the two
};
