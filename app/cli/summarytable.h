#pragma once

#include "metrics/sweepsummary.h"
#include "profile/endpointprice.h"
#include "profile/latencybudget.h"
#include "results/runresult.h"

#include <QString>

// The end-of-run report on stdout: one row per level (label, requests, errors, output
// tok/s, TTFT p50/p95, TPOT p50, e2e p50/p95, achieved concurrency, notes), then the
// plateau line: "Throughput plateaus at ~7,900 tok/s from c=96; knee at c≈70; best
// within budget: c=48 (6,100 tok/s)."
class SummaryTable {
public:
    static QString render(const RunResult& result);
    // With a price (issue 14): a "cost/Mtok" column (per million output tokens) and the
    // best-in-budget level's cost in the plateau line.
    static QString table(const SweepSummary& summary, const LatencyBudget& budget,
                         const EndpointPrice& price = EndpointPrice{});
    static QString plateauLine(const SweepSummary& summary, const LatencyBudget& budget,
                               const EndpointPrice& price = EndpointPrice{});
};
