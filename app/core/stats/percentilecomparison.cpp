#include "stats/percentilecomparison.h"

#include "stats/meaninterval.h"
#include "stats/percentileinterval.h"
#include "stats/quantile.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {
double quantileOf(std::span<const double> samples, double q) {
    std::vector<double> copy(samples.begin(), samples.end());
    return Quantile::linearInPlace(copy, q);
}

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
    std::vector<double> differences, ratios, buffer;
    differences.reserve(std::size_t(count));
    ratios.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        Bootstrap::resample(base, options.blockLength, rng, buffer);
        const double a = Quantile::linearInPlace(buffer, q);
        Bootstrap::resample(candidate, options.blockLength, rng, buffer);
        const double b = Quantile::linearInPlace(buffer, q);
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
