#pragma once

#include <cstdint>
#include <vector>

// RateSeries::binRates one event at a time: the events never need to be in memory together
// (a 1 M-request level's end gathered two million times and weights first, issue 17). The
// same arithmetic in the same order, so the same bins to the bit.
class RateBins {
public:
    // No bins (every add ignored) for a bad argument, as binRates.
    RateBins(std::int64_t fromNs, std::int64_t toNs, std::int64_t binNs);
    void add(std::int64_t t, double weight);
    // Each bin's sum(weights) / bin seconds.
    std::vector<double> rates() const;

private:
    std::int64_t m_fromNs;
    std::int64_t m_binNs;
    std::vector<double> m_sums;
};
