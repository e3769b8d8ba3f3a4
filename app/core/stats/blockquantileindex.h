#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// Quantiles of block resamples without building them. A moving-block bootstrap of a long
// series (compare's latency percentiles: n requests in blocks of ~sqrt(n)) drew each resample
// as a copy of n values and ran nth_element on it: two runs of 300,000 requests took minutes
// to compare. A resample is a list of stretches of the series, so its k-th smallest value can
// be found on a wavelet matrix of the series' ranks (Claude, Navarro & Ordóñez 2015), walking
// every stretch down its log2(n) levels at once: O(blocks × log n) per order statistic
// instead of O(n). The value is the same double the copy and nth_element give.
class BlockQuantileIndex {
public:
    struct Stretch {
        std::size_t start = 0;
        std::size_t length = 0;
    };

    explicit BlockQuantileIndex(std::span<const double> series);

    // False for an empty series or one holding NaN (whose order nth_element leaves undefined).
    bool usable() const { return m_usable; }
    std::size_t size() const { return m_sorted.size(); }

    // Quantile::linearInPlace's value for the values of `stretches` taken together (a
    // stretch may repeat; each must lie inside the series); NaN when they hold no value.
    double linearQuantile(std::span<const Stretch> stretches, double q) const;

private:
    // One level of the matrix: a bit per position and the ones before each 64-bit word.
    struct BitLevel {
        std::vector<std::uint64_t> words;
        std::vector<std::uint32_t> onesBefore;
        std::size_t zeros = 0;
        std::size_t ones(std::size_t end) const; // ones in [0, end)
    };

    struct Range { // positions [begin, end) at one level
        std::size_t begin = 0;
        std::size_t end = 0;
    };

    double smallest(std::span<const Stretch> stretches, std::size_t k) const; // 0-based k-th
    void build(const std::vector<std::uint32_t>& ranks);

    std::vector<double> m_sorted; // the series' values by rank
    std::vector<BitLevel> m_levels;
    bool m_usable = false;
    mutable std::vector<Range> m_walk; // the stretches as they descend: one query at a time
};
