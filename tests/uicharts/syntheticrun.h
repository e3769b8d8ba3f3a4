#pragma once

#include "results/runresult.h"

// A made-up but realistic sweep for UI tests and screenshots: a continuous-batching server
// with 64 batch slots (decode step grows with the batch; beyond 64 requests queue), so
// throughput rises to ~8,000 tok/s at c=64 and stays flat at c=128 while TTFT climbs.
// Summaries are filled in directly (the UI draws summaries; it does not compute them).
class SyntheticRun {
public:
    struct Options {
        int levels = 8;            // c = 1, 2, 4, ... 2^(levels-1)
        int requestsPerLevel = 12; // records per level (the summary is independent)
        double speed = 1.0;        // scales throughput (a "faster endpoint" for compare)
        bool budget = true;        // TTFT p95 <= 500 ms
        bool errors = true;        // some http_429 and timeouts at the highest levels
    };
    static RunResult make(const Options& options);
    static RunResult make() { return make(Options{}); }
    // The same run as seen live after `levels` levels: later summaries and records cut.
    static RunResult prefix(const RunResult& full, int levels);
};
