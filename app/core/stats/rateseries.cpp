#include "stats/rateseries.h"

std::vector<double> RateSeries::binRates(std::span<const std::int64_t> eventNs,
                                         std::span<const double> weights, std::int64_t fromNs,
                                         std::int64_t toNs, std::int64_t binNs) {
    if (binNs <= 0 || toNs <= fromNs || (!weights.empty() && weights.size() != eventNs.size()))
        return {};
    // Unsigned differences: well defined for any pair of int64 times with t > fromNs.
    const auto since = [fromNs](std::int64_t t) {
        return std::uint64_t(t) - std::uint64_t(fromNs);
    };
    const std::uint64_t bins = since(toNs) / std::uint64_t(binNs);
    if (bins == 0 || bins > std::uint64_t(kMaxBins))
        return {};
    std::vector<double> sums(std::size_t(bins), 0.0);
    for (std::size_t i = 0; i < eventNs.size(); ++i) {
        const std::int64_t t = eventNs[i];
        if (t <= fromNs)
            continue;
        // (t - fromNs - 1) / binNs puts an event exactly on a bin's right edge into that bin.
        const std::uint64_t bin = (since(t) - 1) / std::uint64_t(binNs);
        if (bin >= bins)
            continue;
        sums[std::size_t(bin)] += weights.empty() ? 1.0 : weights[i];
    }
    const double binSeconds = double(binNs) / 1e9;
    for (double& s : sums)
        s /= binSeconds;
    return sums;
}
