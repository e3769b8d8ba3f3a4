#pragma once

#include "cli/clioptions.h"
#include "results/runresult.h"

#include <QStringList>

// Writes a run's files (results JSON, per-request CSV, vLLM-shaped JSON, one vLLM result
// file per level), each only when its path is set, each through OutputFile (a regular file
// only, atomically, errors with the system's reason). "-" writes that file to standard
// output. A failure on one file does not stop the others.
class ResultWriter {
public:
    // Before anything runs: at most one file on standard output ("-"), no "-" for the
    // journal or the vLLM directory, and no output path that is a device, FIFO, socket or
    // directory ("--out /dev/null: is a character device ..., not a regular file ...").
    // False with a one-line message naming the flag.
    static bool checkTargets(const RunOutputs& outputs, QString* error);
    // True when one of the files goes to standard output (tables then go to stderr).
    static bool usesStandardOutput(const RunOutputs& outputs);
    // written: "results: PATH" lines for what was saved; errors: one line per failure.
    static bool write(const RunResult& result, const RunOutputs& outputs, QStringList* written,
                      QStringList* errors);
    // What a command prints after writing: the summary table, a "Wrote ..." line per file
    // (both on stderr when a file goes to standard output), then each error (masked).
    static void report(const RunResult& result, const RunOutputs& outputs,
                       const QStringList& written, const QStringList& errors);
    // write() then report(): true when every file was written.
    static bool writeAndReport(const RunResult& result, const RunOutputs& outputs);
    // "c16.json" / "5rps.json" / "2.5rps.json": the file name of a level in --vllm-dir.
    static QString vllmLevelFileName(const LevelSummary& level);
};
