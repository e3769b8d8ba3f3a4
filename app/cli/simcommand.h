#pragma once

#include "cli/simoptions.h"

#include <QString>
#include <QStringList>

// `plateau-cli sim`: the simulated endpoint as a stand-alone server. Prints the bound
// address on stdout (flushed, so a parent process can read it at once) and serves until
// SIGINT/SIGTERM.
class SimCommand {
public:
    explicit SimCommand(const SimInvocation& invocation);
    int exec();

    // "plateau ≈ 8,050 tok/s at batch 96"
    static QString describePlateau(const SimConfig& config);
    static QString presetList();

private:
    SimInvocation m_inv;
};

int simCommandMain(const QStringList& args);
