#pragma once

#include "stats/interval.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>

// Distribution-free confidence interval for the q-th quantile of i.i.d. samples, from two
// order statistics [X(l), X(u)] (1-based ranks). The number B of samples at or below the true
// quantile is Binomial(n, q), and X(l) <= quantile <= X(u) exactly when l <= B <= u - 1, so
// the interval's coverage is P(l <= B < u) >= confidence whatever the distribution (for a
// continuous one; ties only make it more conservative). Ranks are equal-tailed
// (each tail <= alpha/2); when one tail runs off the sample (small n, extreme q) that end is
// pinned to the extreme sample and the other tail takes the rest of alpha. When even
// [X(1), X(n)] covers less than the confidence, there is no interval and the note says how
// many samples it would take. The point estimate is NumPy's linear percentile.
class PercentileInterval {
public:
    struct Ranks {
        std::int64_t lower = 0; // 1-based
        std::int64_t upper = 0; // 1-based, >= lower
        double coverage = 0.0;  // P(lower <= B < upper), >= the requested confidence
    };

    // `sorted` ascending, without NaN; q in (0, 1).
    static Interval orderStatistic(std::span<const double> sorted, double q,
                                   double confidence = 0.95);
    // The same of n sorted values read through `sortedAt` (0-based).
    static Interval orderStatistic(std::size_t n,
                                   const std::function<double(std::size_t)>& sortedAt, double q,
                                   double confidence = 0.95);
    // The ranks for n samples, or nothing when no order-statistic interval reaches the
    // confidence.
    static std::optional<Ranks> ranks(std::int64_t n, double q, double confidence);
    // The best coverage any order-statistic interval has with n samples: P(1 <= B < n).
    static double maxCoverage(std::int64_t n, double q);
    // The fewest samples for which an interval at `confidence` exists (0 if none below 10^9).
    static std::int64_t minimumSamples(double q, double confidence);
};
