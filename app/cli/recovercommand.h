#pragma once

#include "cli/clioptions.h"

#include <QString>
#include <QStringList>
#include <optional>

// `plateau-cli recover JOURNAL [JOURNAL2...]`: rebuilds the full result of a run from its
// journal (also one cut off by a crash or kill -9), writes the files asked for and prints the
// summary table. A repeated run (--repeat N) journals each repetition apart: given them all,
// in order, it is rebuilt as the live run combined them (RepeatedRun::combine). Given A's and
// B's first journals of an interleaved run (run --interleave-with), it rebuilds both sides from
// their level journals (InterleaveRecovery), writes --out and its ".B" partner and prints the
// compare table of A -> B, as the run would have.
class RecoverCommand {
public:
    struct Invocation {
        QString journalPath;
        QStringList repeatJournals; // repetitions 2, 3... of a repeated run
        RunOutputs outputs;
        bool help = false;
    };
    static std::optional<Invocation> parse(const QStringList& args, QString* error);
    static int exec(const Invocation& invocation);

private:
    static int execInterleaved(const Invocation& invocation);
};

int recoverCommandMain(const QStringList& args);
