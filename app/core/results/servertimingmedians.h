#pragma once

#include "results/runresult.h"

#include <QHash>

// The server's own timings beside the client's, per level (issue 14): for a run whose server
// reported them (Ollama's prompt_eval_duration, eval_duration, load_duration, total_duration),
// the medians over a level's successful measured requests, the client's figure and the
// server's taken from the same requests so the gap between them is the network, the queue
// and the client:
//   TTFT (client) vs prompt eval (server) and its wait for the model (load); TPOT (client) vs
//   eval_duration / (eval_count - 1) (server: the decode after the first token, TPOT's own
//   definition); e2e (client) vs total_duration (server).
// Shared by the CLI's table and the GUI's level table.
struct LevelServerTimings {
    int requests = 0; // successful measured requests that carried server timings
    double ttftMs = 0;
    double promptEvalMs = 0;
    double loadMs = 0;
    double tpotMs = 0;
    double serverTpotMs = 0;
    double e2eMs = 0;
    double serverTotalMs = 0; // NaN where no request carried the figure
};

class ServerTimingMedians {
public:
    // Level index -> figures, only levels with at least one such request; one pass over the
    // records, so a 1 M-request run costs one decode of each record.
    static QHash<int, LevelServerTimings> perLevel(const RunResult& result);
};
