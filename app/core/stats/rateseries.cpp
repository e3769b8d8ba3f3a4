#include "stats/rateseries.h"

#include "stats/ratebins.h"

std::vector<double> RateSeries::binRates(std::span<const std::int64_t> eventNs,
                                         std::span<const double> weights, std::int64_t fromNs,
                                         std::int64_t toNs, std::int64_t binNs) {
    if (!weights.empty() && weights.size() != eventNs.size())
        return {};
    RateBins bins(fromNs, toNs, binNs);
    for (std::size_t i = 0; i < eventNs.size(); ++i)
        bins.add(eventNs[i], weights.empty() ? 1.0 : weights[i]);
    return bins.rates();
}
