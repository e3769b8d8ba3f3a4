#pragma once

#include "clioptions.h"
#include "runresult.h"

#include <QStringList>

// Writes a run's files (results JSON, per-request CSV, vLLM-shaped JSON, one vLLM result
// file per level), each only when its path is set, each atomically. A failure on one file
// does not stop the others.
class ResultWriter {
public:
    // written: "results: PATH" lines for what was saved; errors: one line per failure.
    static bool write(const RunResult& result, const RunOutputs& outputs, QStringList* written,
                      QStringList* errors);
    // "c16.json" / "5rps.json" / "2.5rps.json": the file name of a level in --vllm-dir.
    static QString vllmLevelFileName(const LevelSummary& level);
};
