#pragma once

#include "cli/clioptions.h"
#include "results/runresult.h"

#include <QObject>

// `plateau-cli run`: drives a SweepRunner to the end (or to Ctrl-C), with the progress
// line on stderr, then writes the files and prints the summary table on stdout.
// Returns an ExitCode.
class RunCommand : public QObject {
    Q_OBJECT
public:
    explicit RunCommand(const RunInvocation& invocation, QObject* parent = nullptr);
    int exec();

    // Exit code for a finished run: Interrupted, Unreachable, AllFailed or Ok, with the
    // plain-language explanation for stderr ("" when there is nothing to say).
    // An unreachable endpoint's cause is the result's stopDetail ("connection refused at
    // HOST:PORT"), when no request record names one (the connection probe failed).
    static int exitCodeFor(const RunResult& result, bool interrupted, QString* message);

private:
    bool checkApiKey(QString* error) const;
    void chooseJournalPath();
    RunResult runSweep(bool* interrupted);
    int writeAndReport(const RunResult& result, bool interrupted);

    RunInvocation m_inv;
};

// Runs `plateau-cli run ARGS...` (args after "run"): parses, runs, returns the exit code.
int runCommandMain(const QStringList& args);
