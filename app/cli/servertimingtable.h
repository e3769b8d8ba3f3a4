#pragma once

#include "results/runresult.h"

#include <QString>

// The server's own timings beside the client's (issue 14; figures from
// ServerTimingMedians): one row per level whose successful measured requests carried them
// (Ollama). Empty when no request did.
class ServerTimingTable {
public:
    static QString render(const RunResult& result);
};
