#pragma once

#include "cli/clioptions.h"
#include "cli/comparereport.h"
#include "results/runresult.h"

#include <QObject>

// `plateau-cli run ... --interleave-with B` (issue 13): measures the run's endpoint (A) and B
// level by level (InterleaveRunner), writes both results files, prints each side's summary
// table and the compare table of A -> B (as `plateau-cli compare A.json B.json`), and applies
// --fail-if to it and --assert to A. Returns an ExitCode.
class InterleaveCommand : public QObject {
    Q_OBJECT
public:
    // `invocation.outputs.journalPath` is A's journal, already chosen.
    explicit InterleaveCommand(const RunInvocation& invocation, QObject* parent = nullptr);
    int exec();

    // Writes one side's files and prints its summary table under `title` ("A"), to stderr
    // when a results file goes to stdout. False when a file or the journal failed.
    static bool writeSide(const RunResult& result, const RunOutputs& outputs, const QString& title,
                          bool toStderr);
    // The compare table of A -> B ("BASE A r.json", "NEW B r.B.json"), gates not yet applied
    // (also `plateau-cli recover` of an interleaved run's journals).
    static CompareReport compareSides(const RunResult& a, const RunResult& b,
                                      const RunOutputs& outputs);

private:
    bool runBoth(RunResult* a, RunResult* b, bool* interrupted);
    int gates(const RunResult& a, const RunResult& b);

    RunInvocation m_inv;
};
