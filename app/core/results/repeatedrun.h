#pragma once

#include "results/runresult.h"

#include <QList>
#include <QString>
#include <QStringList>

// Puts the repetitions of a repeated run together, the same way for a live run
// (RepeatRunner) and for one rebuilt from its journals (`plateau-cli recover J1 J2 ...`).
class RepeatedRun {
public:
    // The first repetition as the result's body (its levels, requests, plateau: what a
    // reader of single runs expects), every repetition in `repeats` and the between-run
    // figures. Cancelled if any repetition was; the stop reason is the last repetition's when
    // it ended the series early (cancelled, unreachable, an error), else the first's.
    // One run comes back unchanged (no repeats).
    static RunResult combine(const QList<RunResult>& runs);
    // Whether a run ending this way ends the series: the next repetition would not start.
    static bool endsSeries(const RunResult& run);
    // Whether runs rebuilt from several journals are repetitions of one repeated run: the
    // first says it is one (plan.repeat > 1) of at least that many, and every one has its
    // plan (but the seed, drawn per repetition), endpoint URL, API and model, and none is the
    // same repetition twice (same start). False and why, naming the journal (`names`).
    static bool belongTogether(const QList<RunResult>& runs, const QStringList& names,
                               QString* why);
};
