#include "servermetrics/serverhistogram.h"

#include <cmath>
#include <limits>

bool ServerHistogram::isValid() const {
    if (upperBounds.size() < 2 || upperBounds.size() != cumulativeCounts.size())
        return false;
    if (!std::isinf(upperBounds.back()) || upperBounds.back() < 0)
        return false;
    for (size_t i = 1; i < upperBounds.size(); ++i) {
        if (!(upperBounds[i - 1] < upperBounds[i]))
            return false;
    }
    return true;
}

double ServerHistogram::quantile(double q) const {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (!isValid() || std::isnan(q) || q < 0.0 || q > 1.0)
        return kNaN;
    const double total = observations();
    if (!(total > 0.0) || !std::isfinite(total))
        return kNaN;
    double rank = q * total;
    // Counts that went down across buckets (a racing exposition) are read as flat, as
    // Prometheus does, so the search below stays monotonic.
    double previous = 0.0;
    size_t bucket = 0;
    double below = 0.0;
    for (; bucket < cumulativeCounts.size(); ++bucket) {
        const double cumulative = std::max(previous, cumulativeCounts[bucket]);
        if (cumulative >= rank)
            break;
        below = cumulative;
        previous = cumulative;
    }
    const size_t last = upperBounds.size() - 1;
    if (bucket >= last)
        return upperBounds[last - 1];
    if (bucket == 0 && upperBounds[0] <= 0.0)
        return upperBounds[0];
    const double start = bucket == 0 ? 0.0 : upperBounds[bucket - 1];
    const double end = upperBounds[bucket];
    const double inBucket = std::max(previous, cumulativeCounts[bucket]) - below;
    rank -= below;
    if (!(inBucket > 0.0))
        return end;
    return start + (end - start) * (rank / inBucket);
}

bool ServerHistogram::deltaSince(const ServerHistogram& earlier, ServerHistogram* delta) const {
    if (earlier.upperBounds != upperBounds ||
        earlier.cumulativeCounts.size() != cumulativeCounts.size())
        return false;
    ServerHistogram d;
    d.upperBounds = upperBounds;
    d.cumulativeCounts.resize(cumulativeCounts.size());
    for (size_t i = 0; i < cumulativeCounts.size(); ++i) {
        d.cumulativeCounts[i] = cumulativeCounts[i] - earlier.cumulativeCounts[i];
        if (!(d.cumulativeCounts[i] >= 0.0))
            return false;
    }
    d.sum = sum - earlier.sum;
    d.count = count - earlier.count;
    if (!(d.count >= 0.0))
        return false;
    *delta = std::move(d);
    return true;
}

bool ServerHistogram::add(const ServerHistogram& other) {
    if (other.upperBounds != upperBounds ||
        other.cumulativeCounts.size() != cumulativeCounts.size())
        return false;
    for (size_t i = 0; i < cumulativeCounts.size(); ++i)
        cumulativeCounts[i] += other.cumulativeCounts[i];
    sum += other.sum;
    count += other.count;
    return true;
}
