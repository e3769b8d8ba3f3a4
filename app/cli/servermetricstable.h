#pragma once

#include "results/runresult.h"

#include <QString>

// The server's side of the end-of-run report, below the summary table when the run scraped
// the server's metrics (--server-metrics): where they came from, one line per level
//   c=64   srv run/wait/kv 64.0/12.3/98%   srv gen 7,840 tok/s   cross-check ok (-0.9%)
// with the cross-check flag and its reason where the server and the client disagree by more
// than 5%, and the scrape warnings. Empty when the run did not scrape.
class ServerMetricsTable {
public:
    static QString render(const RunResult& result);
    // "64.0/12.3/98%" ("-" for what the server did not report).
    static QString runWaitKv(const ServerLevelFigures& figures);
};
