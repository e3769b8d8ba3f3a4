#include "stats/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
struct Rank {
    std::size_t below; // 0-based index of the lower closest rank
    double fraction;   // weight of the next rank
};

Rank virtualRank(std::size_t n, double q) {
    const double rank = double(n - 1) * std::clamp(q, 0.0, 1.0);
    const double below = std::floor(rank);
    return {std::size_t(below), rank - below};
}
} // namespace

double Quantile::lerp(double a, double b, double t) {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double Quantile::linearOfSorted(std::span<const double> sorted, double q) {
    return linearAt(
        sorted.size(), [sorted](std::size_t i) { return sorted[i]; }, q);
}

double Quantile::linearAt(std::size_t n, const SortedAt& sortedAt, double q) {
    if (n == 0 || std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    const Rank r = virtualRank(n, q);
    const double a = sortedAt(r.below);
    const double b = sortedAt(std::min(r.below + 1, n - 1));
    return a == b ? a : lerp(a, b, r.fraction);
}

double Quantile::linearInPlace(std::vector<double>& samples, double q) {
    if (samples.empty() || std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    const Rank r = virtualRank(samples.size(), q);
    const auto nth = samples.begin() + std::ptrdiff_t(r.below);
    std::nth_element(samples.begin(), nth, samples.end());
    const double a = *nth;
    // Everything after nth is >= a: the next order statistic is their minimum.
    const double b = nth + 1 == samples.end() ? a : *std::min_element(nth + 1, samples.end());
    return a == b ? a : lerp(a, b, r.fraction);
}
