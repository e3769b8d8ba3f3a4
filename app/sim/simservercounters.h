#pragma once

#include "sim/simbuckethistogram.h"

// What GET /metrics exposes beyond the live gauges, in vLLM's terms: counters and latency
// histograms since the simulator started. Unlike SimStats they survive /sim/reset, as a
// server's counters do: a scraper sees a counter go back only when the simulator restarts.
struct SimServerCounters {
    qint64 promptTokens = 0;     // vllm:prompt_tokens_total (counted at the first token)
    qint64 generationTokens = 0; // vllm:generation_tokens_total
    qint64 preemptions = 0;      // vllm:num_preemptions_total
    qint64 prefixQueries = 0;    // vllm:prefix_cache_queries_total (words)
    qint64 prefixHits = 0;       // vllm:prefix_cache_hits_total (words)
    // vllm:request_success_total by finished_reason: every request the engine finished,
    // "abort" when it failed after acceptance (a fault, a client that left, a shutdown).
    qint64 finishedStop = 0;
    qint64 finishedLength = 0;
    qint64 finishedAbort = 0;
    SimBucketHistogram timeToFirstToken{ttftBounds()};
    // Every token after a request's first: the gap since its previous token.
    SimBucketHistogram timePerOutputToken{tpotBounds()};
    SimBucketHistogram e2eRequestLatency{e2eBounds()};

    // vLLM's bucket bounds (vllm/v1/metrics/loggers.py), in seconds.
    static std::vector<double> ttftBounds() {
        return {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,  0.25,  0.5,   0.75,
                1.0,   2.5,   5.0,  7.5,  10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    }
    static std::vector<double> tpotBounds() {
        return {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,  0.3,  0.4, 0.5,
                0.75, 1.0,   2.5,  5.0,   7.5, 10.0, 20.0, 40.0, 80.0};
    }
    static std::vector<double> e2eBounds() {
        return {0.3,  0.5,  0.8,  1.0,  1.5,   2.0,   2.5,   5.0,   10.0,   15.0,  20.0,
                30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    }
};
