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
    // unreachableNotice: the runner's own "endpoint unreachable: ..." notice, if any; it
    // names the cause when no request record does (the connection probe failed).
    static int exitCodeFor(const RunResult& result, bool interrupted, QString* message,
                           const QString& unreachableNotice = QString());

private:
    bool checkApiKey(QString* error) const;

    RunInvocation m_inv;
};

// Runs `plateau-cli run ARGS...` (args after "run"): parses, runs, returns the exit code.
int runCommandMain(const QStringList& args);
