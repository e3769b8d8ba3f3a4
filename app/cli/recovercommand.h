#pragma once

#include "cli/clioptions.h"

#include <QString>
#include <QStringList>
#include <optional>

// `plateau-cli recover JOURNAL`: rebuilds the full result of a run from its journal
// (also one cut off by a crash or kill -9), writes the files asked for and prints the
// summary table.
class RecoverCommand {
public:
    struct Invocation {
        QString journalPath;
        RunOutputs outputs;
        bool help = false;
    };
    static std::optional<Invocation> parse(const QStringList& args, QString* error);
    static int exec(const Invocation& invocation);
};

int recoverCommandMain(const QStringList& args);
