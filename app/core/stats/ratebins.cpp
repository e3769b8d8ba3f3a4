#include "stats/ratebins.h"

#include "stats/rateseries.h"

namespace {
// Unsigned differences: well defined for any pair of int64 times with t > fromNs.
std::uint64_t since(std::int64_t t, std::int64_t fromNs) {
    return std::uint64_t(t) - std::uint64_t(fromNs);
}
} // namespace

RateBins::RateBins(std::int64_t fromNs, std::int64_t toNs, std::int64_t binNs)
    : m_fromNs(fromNs)
    , m_binNs(binNs) {
    if (binNs <= 0 || toNs <= fromNs)
        return;
    const std::uint64_t bins = since(toNs, fromNs) / std::uint64_t(binNs);
    if (bins > 0 && bins <= std::uint64_t(RateSeries::kMaxBins))
        m_sums.assign(std::size_t(bins), 0.0);
}

void RateBins::add(std::int64_t t, double weight) {
    if (t <= m_fromNs || m_sums.empty())
        return;
    // (t - fromNs - 1) / binNs puts an event exactly on a bin's right edge into that bin.
    const std::uint64_t bin = (since(t, m_fromNs) - 1) / std::uint64_t(m_binNs);
    if (bin < m_sums.size())
        m_sums[std::size_t(bin)] += weight;
}

std::vector<double> RateBins::rates() const {
    std::vector<double> rates = m_sums;
    const double binSeconds = double(m_binNs) / 1e9;
    for (double& r : rates)
        r /= binSeconds;
    return rates;
}
