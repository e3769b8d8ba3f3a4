#include "stats/bootstrap.h"

#include "stats/meaninterval.h"
#include "stats/quantile.h"

#include <algorithm>
#include <cmath>

int Bootstrap::clampedResamples(int resamples) {
    return std::clamp(resamples, kMinResamples, kMaxResamples);
}

void Bootstrap::resample(std::span<const double> samples, int blockLength, std::mt19937_64& rng,
                         std::vector<double>& out) {
    const std::size_t n = samples.size();
    out.resize(n);
    if (n == 0)
        return;
    const std::size_t block = std::clamp<std::size_t>(std::size_t(std::max(blockLength, 1)), 1, n);
    if (block == 1) { // the common case, without a copy call per value
        for (double& v : out)
            v = samples[std::size_t(rng() % n)];
        return;
    }
    std::vector<BlockQuantileIndex::Stretch> stretches;
    drawBlocks(n, int(block), rng, stretches);
    auto to = out.begin();
    for (const BlockQuantileIndex::Stretch& s : stretches)
        to = std::copy_n(samples.begin() + std::ptrdiff_t(s.start), s.length, to);
}

void Bootstrap::drawBlocks(std::size_t n, int blockLength, std::mt19937_64& rng,
                           std::vector<BlockQuantileIndex::Stretch>& out) {
    out.clear();
    const std::size_t block = std::clamp<std::size_t>(std::size_t(std::max(blockLength, 1)), 1, n);
    const std::size_t starts = n - block + 1; // moving blocks: every start that fits
    for (std::size_t filled = 0; filled < n;) {
        const std::size_t start = std::size_t(rng() % starts);
        const std::size_t take = std::min(block, n - filled);
        out.push_back({start, take});
        filled += take;
    }
}

std::vector<double> Bootstrap::replicates(std::span<const double> samples,
                                          const Statistic& statistic, const Options& options) {
    std::mt19937_64 rng(options.seed);
    const int count = clampedResamples(options.resamples);
    std::vector<double> values;
    values.reserve(std::size_t(count));
    std::vector<double> buffer;
    for (int i = 0; i < count; ++i) {
        resample(samples, options.blockLength, rng, buffer);
        values.push_back(statistic(buffer));
    }
    return values;
}

Interval Bootstrap::intervalFromReplicates(std::vector<double>& replicates, double estimate,
                                           double confidence) {
    Interval ci;
    ci.method = "bootstrap_percentile";
    ci.confidence = confidence;
    ci.estimate = estimate;
    ci.sampleCount = int(replicates.size());
    if (!MeanInterval::validConfidence(confidence)) {
        ci.note = "confidence must be between 0 and 1";
        return ci;
    }
    std::erase_if(replicates, [](double v) { return std::isnan(v); });
    if (replicates.size() < std::size_t(kMinResamples)) {
        ci.note = "not enough data: too few resamples gave a value";
        return ci;
    }
    std::sort(replicates.begin(), replicates.end());
    const double alpha = 1.0 - confidence;
    ci.lo = Quantile::linearOfSorted(replicates, alpha / 2.0);
    ci.hi = Quantile::linearOfSorted(replicates, 1.0 - alpha / 2.0);
    ci.halfWidth = (ci.hi - ci.lo) / 2.0;
    return ci;
}

Interval Bootstrap::percentileInterval(std::span<const double> samples, const Statistic& statistic,
                                       const Options& options) {
    std::vector<double> original(samples.begin(), samples.end());
    const double estimate = samples.empty() ? Interval::nan : statistic(original);
    if (samples.size() < 2) {
        Interval ci;
        ci.method = "bootstrap_percentile";
        ci.confidence = options.confidence;
        ci.estimate = estimate;
        ci.sampleCount = int(samples.size());
        ci.note = "not enough data: a bootstrap needs at least 2 samples";
        return ci;
    }
    std::vector<double> values = replicates(samples, statistic, options);
    Interval ci = intervalFromReplicates(values, estimate, options.confidence);
    ci.sampleCount = int(std::min<std::size_t>(samples.size(), 1u << 30));
    return ci;
}
