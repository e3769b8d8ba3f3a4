#include "stats/blockquantileindex.h"

#include "stats/quantile.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

BlockQuantileIndex::BlockQuantileIndex(std::span<const double> series) {
    const std::size_t n = series.size();
    if (n == 0 || n > std::numeric_limits<std::uint32_t>::max() ||
        std::any_of(series.begin(), series.end(), [](double v) { return std::isnan(v); }))
        return;
    // Ranks: position i holds the rank of series[i] (ties by position: equal values are
    // interchangeable, so any k-th smallest rank names the k-th smallest value).
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return series[a] < series[b]; });
    std::vector<std::uint32_t> ranks(n);
    m_sorted.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
        ranks[order[r]] = std::uint32_t(r);
        m_sorted[r] = series[order[r]];
    }
    build(ranks);
    m_usable = true;
}

// Level by level from the most significant bit: the level's bits in the current order, then
// a stable split (zeros first) gives the next level's order.
void BlockQuantileIndex::build(const std::vector<std::uint32_t>& ranks) {
    const std::size_t n = ranks.size();
    const int bits = std::max(1, int(std::bit_width(std::uint32_t(n - 1))));
    std::vector<std::uint32_t> current = ranks;
    std::vector<std::uint32_t> next(n);
    m_levels.resize(std::size_t(bits));
    for (int level = 0; level < bits; ++level) {
        const int bit = bits - 1 - level;
        BitLevel& b = m_levels[std::size_t(level)];
        b.words.assign(n / 64 + 1, 0);
        b.onesBefore.assign(n / 64 + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            if ((current[i] >> bit) & 1u)
                b.words[i / 64] |= std::uint64_t(1) << (i % 64);
        }
        std::uint32_t ones = 0;
        for (std::size_t w = 0; w < b.words.size(); ++w) {
            b.onesBefore[w] = ones;
            ones += std::uint32_t(std::popcount(b.words[w]));
        }
        b.zeros = n - ones;
        auto zero = next.begin();
        auto one = next.begin() + std::ptrdiff_t(b.zeros);
        for (std::uint32_t v : current)
            *(((v >> bit) & 1u) ? one++ : zero++) = v;
        current.swap(next);
    }
}

std::size_t BlockQuantileIndex::BitLevel::ones(std::size_t end) const {
    const std::size_t word = end / 64;
    const std::uint64_t mask = (std::uint64_t(1) << (end % 64)) - 1;
    return onesBefore[word] + std::size_t(std::popcount(words[word] & mask));
}

double BlockQuantileIndex::smallest(std::span<const Stretch> stretches, std::size_t k) const {
    m_walk.clear();
    for (const Stretch& s : stretches) {
        if (s.length > 0)
            m_walk.push_back({s.start, s.start + s.length});
    }
    std::size_t rank = 0;
    for (const BitLevel& level : m_levels) {
        std::size_t zeros = 0;
        for (const Range& r : m_walk)
            zeros += (r.end - r.begin) - (level.ones(r.end) - level.ones(r.begin));
        rank <<= 1;
        if (k < zeros) { // the k-th is among the zeros: each range's zeros, in order
            for (Range& r : m_walk)
                r = {r.begin - level.ones(r.begin), r.end - level.ones(r.end)};
        } else { // among the ones, which follow all zeros at the next level
            k -= zeros;
            rank |= 1;
            for (Range& r : m_walk)
                r = {level.zeros + level.ones(r.begin), level.zeros + level.ones(r.end)};
        }
    }
    return m_sorted[rank];
}

double BlockQuantileIndex::linearQuantile(std::span<const Stretch> stretches, double q) const {
    std::size_t n = 0;
    for (const Stretch& s : stretches)
        n += s.length;
    if (!m_usable || n == 0 || std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    // Quantile's virtual rank, then the two closest order statistics.
    const double position = double(n - 1) * std::clamp(q, 0.0, 1.0);
    const double below = std::floor(position);
    const auto k = std::size_t(below);
    const double a = smallest(stretches, k);
    const double b = k + 1 < n ? smallest(stretches, k + 1) : a;
    return a == b ? a : Quantile::lerp(a, b, position - below);
}
