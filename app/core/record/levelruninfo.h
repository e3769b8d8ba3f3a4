#pragma once

#include <QtGlobal>

// What the load generator knows about one level that the records alone do not:
// its target, when issuing stopped, and how healthy the client was.
struct LevelRunInfo {
    int index = -1;
    bool isRate = false;
    int concurrency = 0;            // closed loop: N; open loop: the cap (0 = none)
    double rate = 0.0;              // open loop: requests/s
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
};
