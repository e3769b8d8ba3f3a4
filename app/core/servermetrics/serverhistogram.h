#pragma once

#include <vector>

// A Prometheus histogram at one scrape: ascending upper bounds ending with +Inf and the
// cumulative count at each, plus _sum and _count. Label sets of one family are summed bucket by
// bucket (PromQL's sum by (le)).
struct ServerHistogram {
    std::vector<double> upperBounds;
    std::vector<double> cumulativeCounts;
    double sum = 0.0;
    double count = 0.0;

    // At least one finite bound and +Inf last, as many counts as bounds.
    bool isValid() const;
    double observations() const { return cumulativeCounts.empty() ? 0.0 : cumulativeCounts.back(); }
    // Prometheus' histogram_quantile: the bucket holding rank q * observations, interpolated
    // linearly between its bounds (the first bucket from 0 when its bound is positive); a rank
    // in the +Inf bucket gives the last finite bound. NaN without observations or q not in
    // [0, 1].
    double quantile(double q) const;
    // this - earlier, bucket by bucket, into *delta. False for a reset or a different layout:
    // other bounds, or any bucket, _sum or _count that went down.
    bool deltaSince(const ServerHistogram& earlier, ServerHistogram* delta) const;
    // Adds another histogram's counts, bound by bound; false when the bounds differ.
    bool add(const ServerHistogram& other);
};
