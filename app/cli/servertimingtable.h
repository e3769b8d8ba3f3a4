#pragma once

#include "results/runresult.h"

#include <QString>

// The server's own timings beside the client's (issue 14): for a run whose server reported
// them (Ollama's prompt_eval_duration, eval_duration, load_duration, total_duration), one
// row per level with the medians over its successful measured requests, the client's
// figure next to the server's for the same requests:
//   TTFT (client) vs prompt eval (server), its wait for the model (load), TPOT (client) vs
//   eval_duration / (eval_count - 1) (server; the decode after the first token, TPOT's
//   definition), e2e (client) vs total_duration (server).
// What the client sees above the server's figure is the network, the queue and the client.
// Empty when no request carried server timings.
class ServerTimingTable {
public:
    static QString render(const RunResult& result);
};
