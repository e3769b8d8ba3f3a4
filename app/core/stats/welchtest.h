#pragma once

#include "stats/comparison.h"
#include "stats/interval.h"

#include <span>

// Welch's unequal-variance t test for the difference of two means, with Welch-Satterthwaite
// degrees of freedom. For throughput it runs on the two levels' batch-means intervals (each
// carries s_b/sqrt(b) and b-1 df): batch means are close to independent and normal, which is
// exactly what the test assumes, while the raw time series is neither. The percent interval
// is Fieller's (RatioInterval) so that a gate like "plateau_tps < -5%" can use it.
class WelchTest {
public:
    // From two t-based intervals (BatchMeans, MeanInterval, or MeanInterval::fromHalfWidth for
    // figures read back from results files).
    static Comparison compare(const Interval& base, const Interval& candidate,
                              double confidence = 0.95);
    // From two independent i.i.d. samples (e.g. per-request latencies, for the mean).
    static Comparison compareSamples(std::span<const double> base,
                                     std::span<const double> candidate, double confidence = 0.95);
};
