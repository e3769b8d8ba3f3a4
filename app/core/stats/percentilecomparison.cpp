#include "stats/percentilecomparison.h"

#include "stats/meaninterval.h"
#include "stats/percentileinterval.h"
#include "stats/quantile.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {
double quantileOf(std::span<const double> samples, double q) {
    std::vector<double> copy(samples.begin(), samples.end());
    return Quantile::linearInPlace(copy, q);
}

// One side's resampled quantile. Long series in blocks go through a BlockQuantileIndex (the
// same value as a copy and nth_element, far cheaper: blocks × log n per order statistic
// instead of n); the rest are resampled whole. Both draw from `rng` alike.
class ResampledQuantile {
public:
    ResampledQuantile(std::span<const double> samples, int blockLength)
        : m_samples(samples)
        , m_blockLength(blockLength) {
        if (blockLength >= kIndexedBlock && samples.size() >= kIndexedSize)
            m_index.emplace(samples);
    }
    double draw(std::mt19937_64& rng, double q) {
        if (m_index && m_index->usable()) {
            Bootstrap::drawBlocks(m_samples.size(), m_blockLength, rng, m_stretches);
            return m_index->linearQuantile(m_stretches, q);
        }
        Bootstrap::resample(m_samples, m_blockLength, rng, m_buffer);
        return Quantile::linearInPlace(m_buffer, q);
    }

private:
    // Below these a copy is as cheap (blocks of 8 make n/8 stretches to walk).
    static constexpr int kIndexedBlock = 8;
    static constexpr std::size_t kIndexedSize = 4096;

    std::span<const double> m_samples;
    int m_blockLength;
    std::optional<BlockQuantileIndex> m_index;
    std::vector<BlockQuantileIndex::Stretch> m_stretches;
    std::vector<double> m_buffer;
};

// Two-sided bootstrap p-value for "no difference" from the replicate differences.
double bootstrapPValue(const std::vector<double>& differences) {
    const auto atOrBelow =
        std::count_if(differences.begin(), differences.end(), [](double d) { return d <= 0.0; });
    const auto atOrAbove =
        std::count_if(differences.begin(), differences.end(), [](double d) { return d >= 0.0; });
    const double tail = double(1 + std::min(atOrBelow, atOrAbove)) / double(differences.size() + 1);
    return std::min(1.0, 2.0 * tail);
}
} // namespace

int PercentileComparison::blockLengthFor(std::size_t n) {
    const auto root = std::size_t(std::ceil(std::sqrt(double(n))));
    return int(std::max<std::size_t>(1, std::min({root, n / 10, std::size_t(1) << 20})));
}

Comparison PercentileComparison::bootstrap(std::span<const double> base,
                                           std::span<const double> candidate, double q,
                                           const Bootstrap::Options& options) {
    Comparison c;
    c.method = "bootstrap_difference";
    c.ci.method = c.method;
    c.ci.confidence = options.confidence;
    c.base = quantileOf(base, q);
    c.candidate = quantileOf(candidate, q);
    c.delta = c.candidate - c.base;
    c.ci.estimate = c.delta;
    if (c.base != 0.0)
        c.deltaPercent = 100.0 * c.delta / c.base;
    if (!(q > 0.0 && q < 1.0) || !MeanInterval::validConfidence(options.confidence)) {
        c.note = "the quantile and the confidence must be between 0 and 1";
        return c;
    }
    const std::int64_t needed = PercentileInterval::minimumSamples(q, options.confidence);
    if (std::int64_t(std::min(base.size(), candidate.size())) < std::max<std::int64_t>(needed, 2)) {
        c.note = "not enough data: this percentile needs at least " + std::to_string(needed) +
                 " samples on each side";
        return c;
    }
    std::mt19937_64 rng(options.seed);
    const int count = Bootstrap::clampedResamples(options.resamples);
    ResampledQuantile baseSide(base, options.blockLength);
    ResampledQuantile candidateSide(candidate, options.blockLength);
    std::vector<double> differences, ratios;
    differences.reserve(std::size_t(count));
    ratios.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const double a = baseSide.draw(rng, q);
        const double b = candidateSide.draw(rng, q);
        differences.push_back(b - a);
        ratios.push_back(a != 0.0 ? b / a : Interval::nan);
    }
    c.pValue = bootstrapPValue(differences);
    c.ci = Bootstrap::intervalFromReplicates(differences, c.delta, options.confidence);
    c.ci.method = c.method;
    c.ci.sampleCount = int(std::min<std::size_t>(base.size() + candidate.size(), 1u << 30));
    const Interval ratio =
        Bootstrap::intervalFromReplicates(ratios, Interval::nan, options.confidence);
    if (ratio.ok()) {
        c.ciPercentLo = 100.0 * (ratio.lo - 1.0);
        c.ciPercentHi = 100.0 * (ratio.hi - 1.0);
    }
    c.significant = c.ci.ok() && !(c.ci.lo <= 0.0 && 0.0 <= c.ci.hi);
    return c;
}
