#pragma once

#include <QString>
#include <QtGlobal>
#include <limits>

// What the load generator knows about one level that the records alone do not:
// its target, when issuing stopped, and how healthy the client was.
struct LevelRunInfo {
    int index = -1;
    bool isRate = false;
    int concurrency = 0;            // closed loop: N; open loop: the cap (0 = none)
    double rate = 0.0;              // open loop: requests/s
    int batchSize = 0;              // openai-embeddings: inputs per request (0: other flavors)
    int warmupRequests = 0;         // how many of the level's first requests were warm-up
    qint64 startNs = -1;            // level started issuing (MonotonicClock)
    qint64 issueStopNs = -1;        // the first worker stopped issuing (end of the steady window)
    qint64 endNs = -1;              // last request of the level ended
    double clientCpuSeconds = 0.0;  // process CPU time during the level
    double eventLoopLagP99Ms = 0.0; // worst of the client's event loops
    bool complete = false;          // false if the run was stopped inside this level
    // Conversation workloads (issue 16): conversations the users started during the level,
    // and those that got an answer to every turn.
    int conversationsStarted = 0;
    int conversationsCompleted = 0;
    // An "until stable" level (issue 13): how it ended and the relative half-widths of its
    // intervals then (0.018 = +-1.8%; NaN while one had too little data). `ended` is "stable"
    // (both within their targets), "max_time" (the maximum duration came first) or "stopped"
    // (the run stopped inside the level); "" for a level that did not run until stable.
    struct Stability {
        QString ended;
        double throughputHalfWidth = std::numeric_limits<double>::quiet_NaN();
        double latencyHalfWidth = std::numeric_limits<double>::quiet_NaN();
        QString latency; // what the latency criterion watched: "ttft:p95"
    };
    Stability stability;
};
