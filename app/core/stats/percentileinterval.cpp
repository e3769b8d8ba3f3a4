#include "stats/percentileinterval.h"

#include "stats/distributions.h"
#include "stats/meaninterval.h"
#include "stats/quantile.h"

#include <cmath>
#include <string>

namespace {
// Largest k in [-1, n] with F(k) <= bound, F the Binomial(n, q) cdf (F(-1) = 0, F(n) = 1).
std::int64_t largestAtMost(std::int64_t n, double q, double bound) {
    std::int64_t lo = -1; // F(lo) <= bound holds
    std::int64_t hi = n + 1;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (Distributions::binomialCdf(mid, n, q) <= bound)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

// Smallest k in [-1, n] with F(k) >= bound.
std::int64_t smallestAtLeast(std::int64_t n, double q, double bound) {
    std::int64_t lo = -2;
    std::int64_t hi = n; // F(n) = 1 >= bound holds
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (Distributions::binomialCdf(mid, n, q) >= bound)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

double coverage(std::int64_t n, double q, std::int64_t lower, std::int64_t upper) {
    return Distributions::binomialCdf(upper - 1, n, q) -
           Distributions::binomialCdf(lower - 1, n, q);
}

std::string percentText(double fraction) {
    return std::to_string(int(std::lround(fraction * 100.0))) + "%";
}
} // namespace

double PercentileInterval::maxCoverage(std::int64_t n, double q) {
    if (n < 1 || !(q > 0.0 && q < 1.0))
        return 0.0;
    return coverage(n, q, 1, n);
}

std::optional<PercentileInterval::Ranks> PercentileInterval::ranks(std::int64_t n, double q,
                                                                   double confidence) {
    if (n < 1 || !(q > 0.0 && q < 1.0) || !MeanInterval::validConfidence(confidence))
        return std::nullopt;
    const double alpha = 1.0 - confidence;
    if (maxCoverage(n, q) < confidence)
        return std::nullopt;
    // Equal tails: P(B < l) <= alpha/2 and P(B >= u) <= alpha/2.
    std::int64_t lower = largestAtMost(n, q, alpha / 2.0) + 1;
    std::int64_t upper = smallestAtLeast(n, q, 1.0 - alpha / 2.0) + 1;
    if (upper > n) { // the upper tail cannot be cut: X(n) it is, the lower tail gets the rest
        upper = n;
        const double upperTail = 1.0 - Distributions::binomialCdf(n - 1, n, q);
        lower = largestAtMost(n, q, alpha - upperTail) + 1;
    } else if (lower < 1) {
        lower = 1;
        const double lowerTail = Distributions::binomialCdf(0, n, q);
        upper = smallestAtLeast(n, q, 1.0 - (alpha - lowerTail)) + 1;
    }
    if (lower < 1 || upper > n || lower > upper)
        return std::nullopt; // rounding at the edge; maxCoverage said it was borderline
    return Ranks{lower, upper, coverage(n, q, lower, upper)};
}

std::int64_t PercentileInterval::minimumSamples(double q, double confidence) {
    if (!(q > 0.0 && q < 1.0) || !MeanInterval::validConfidence(confidence))
        return 0;
    // 1 - q^n - (1-q)^n grows with n: double the bound, then bisect.
    std::int64_t hi = 1;
    while (maxCoverage(hi, q) < confidence) {
        if (hi > 1'000'000'000)
            return 0;
        hi *= 2;
    }
    std::int64_t lo = hi / 2; // maxCoverage(lo) < confidence, or lo == 0
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (maxCoverage(mid, q) >= confidence ? hi : lo) = mid;
    }
    return hi;
}

Interval PercentileInterval::orderStatistic(std::span<const double> sorted, double q,
                                            double confidence) {
    return orderStatistic(
        sorted.size(), [sorted](std::size_t i) { return sorted[i]; }, q, confidence);
}

Interval PercentileInterval::orderStatistic(std::size_t count,
                                            const std::function<double(std::size_t)>& sortedAt,
                                            double q, double confidence) {
    Interval ci;
    ci.method = "order_statistic";
    ci.confidence = confidence;
    ci.sampleCount = int(std::min<std::size_t>(count, 1u << 30));
    ci.estimate = Quantile::linearAt(count, sortedAt, q);
    if (!(q > 0.0 && q < 1.0) || !MeanInterval::validConfidence(confidence)) {
        ci.note = "the quantile and the confidence must be between 0 and 1";
        return ci;
    }
    const auto n = std::int64_t(count);
    const std::optional<Ranks> r = ranks(n, q, confidence);
    if (!r) {
        ci.note = "not enough data: with " + std::to_string(n) +
                  " samples no order-statistic interval for this percentile reaches " +
                  percentText(confidence) + " (best " + percentText(maxCoverage(n, q)) +
                  "); it takes at least " + std::to_string(minimumSamples(q, confidence));
        return ci;
    }
    ci.lo = sortedAt(std::size_t(r->lower - 1));
    ci.hi = sortedAt(std::size_t(r->upper - 1));
    ci.halfWidth = (ci.hi - ci.lo) / 2.0;
    return ci;
}
