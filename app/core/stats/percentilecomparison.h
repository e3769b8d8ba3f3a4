#pragma once

#include "stats/bootstrap.h"
#include "stats/comparison.h"

#include <span>

// Difference of one latency percentile (p50, p95, p99...) between two runs: a two-sample
// bootstrap. Each replicate resamples base and candidate independently and takes
// Q(candidate*) - Q(base*) (NumPy's linear quantile); the interval is the percentile
// interval of those differences, the percent interval the same of Q(candidate*)/Q(base*) - 1,
// and the p-value the two-sided bootstrap p = 2 * min(share of differences <= 0, share >= 0)
// (with the +1 correction of Davison & Hinkley). Significant when the interval excludes 0.
//
// Why not Mann-Whitney here: it tests whether one whole distribution sits above the other;
// a p99 that regressed while the body did not can pass it, and a body shift can fail it while
// the p99 the gate is about is unchanged. The bootstrap is about the percentile itself.
// Each sample needs at least as many values as an order-statistic interval for that
// percentile (PercentileInterval::minimumSamples): below that the bootstrap distribution of
// an extreme quantile is a handful of tied values and its interval is not trustworthy.
class PercentileComparison {
public:
    // q in (0, 1); options.blockLength > 1 for requests correlated in completion order.
    static Comparison bootstrap(std::span<const double> base, std::span<const double> candidate,
                                double q, const Bootstrap::Options& options = {});
    // The block length for latencies in start order (docs/METRICS.md, "Comparing two runs"):
    // ceil(sqrt(n)) of the smaller side, at most n/10 so there are 10 blocks or more, at least
    // 1. Requests that overlap in time share the server's state (its queue, a noisy
    // neighbour, a drifting clock speed), so neighbours in start order are correlated; an
    // i.i.d. resample then underestimates the percentile's variance and calls two runs of
    // the same server "different". A block too long only widens the interval a little; one
    // too short makes the test anti-conservative, so the rule errs long.
    static int blockLengthFor(std::size_t n);
};
