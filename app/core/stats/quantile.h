#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

// Sample quantiles with NumPy's default method ("linear": virtual index (n-1)q between the
// closest ranks), the definition docs/METRICS.md uses for every latency percentile.
class Quantile {
public:
    // q in [0, 1] (clamped); NaN for no samples or a NaN q. `sorted` must be ascending.
    static double linearOfSorted(std::span<const double> sorted, double q);
    // The same of n sorted values read through `sortedAt` (0-based): for samples that are
    // not held, only their order statistics (RankSelection).
    using SortedAt = std::function<double(std::size_t)>;
    static double linearAt(std::size_t n, const SortedAt& sortedAt, double q);
    // Same value without a full sort: partially reorders `samples` (nth_element), O(n).
    // For resampling loops such as the bootstrap.
    static double linearInPlace(std::vector<double>& samples, double q);
    // NumPy's _lerp: exact at t == 1, bit-identical to numpy.percentile on the same doubles.
    static double lerp(double a, double b, double t);
};
