#pragma once

#include "results/runresult.h"

#include <QString>
#include <QStringList>
#include <optional>

// Rebuilds both sides of an interleaved run (issue 13) from their journals, for `plateau-cli
// recover A.jsonl B.jsonl`, also after the run was killed. Each side journals every level
// apart (InterleaveRunner::journalPathFor: "r.jsonl", "r.l2.jsonl", ..., ".r2" in later
// repetitions); from the two first journals the others beside them are found and chained
// into each side's run as the live run chained them (InterleaveRunner::addStep), repetitions
// combined (RepeatedRun::combine).
//
// Two journals are the sides of one interleaved run when each holds one level of a one-run
// plan, both measured the same level with the same prompt seed (the runner gives A and B the
// same seed at a level, a new one at each level) and they name different endpoints. A level
// journal whose seed does not follow is not this run's (a file left by another run under the
// same name): the side stops before it, with a note.
class InterleaveRecovery {
public:
    struct Sides {
        RunResult a;
        RunResult b;
        QStringList journals[2]; // the journals read, per side, in order
        QStringList notes;       // torn last lines, journals left out
    };

    // The one-line reason when the two journals are not two sides of one interleaved run, or
    // one cannot be read.
    static std::optional<Sides> recover(const QString& journalA, const QString& journalB,
                                        QString* error);

    // A journal of one level of a one-run plan: what each side of an interleaved run writes
    // (a plain run journals every level of its plan in one file).
    static bool isLevelJournal(const RunResult& run);

    static constexpr int kMaxLevels = 1000; // level journals looked for per repetition
};
