#pragma once

#include "results/runresult.h"

// A finished one-level run of `requests` requests shaped like the simulator's answers at
// -c 64, 2 tokens each by default (bench_memory --synthetic): the save and the load of a
// 1 M-request results file measured without running a million requests first.
// Deterministic (a fixed seed).
namespace ShortRequestRun {
RunResult make(int requests, int outputTokens = 2); // records and level, not yet summarized
// The level's summary as a run's end computes it (LevelAggregator), and the sweep's.
void summarize(RunResult* run);
} // namespace ShortRequestRun
