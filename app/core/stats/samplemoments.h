#pragma once

#include <cstddef>
#include <limits>
#include <span>

// Count, mean and unbiased (n-1) variance of a sample, by two passes so that large, tightly
// clustered values (tokens/s around 10^4) lose no precision. NaN values are skipped.
struct SampleMoments {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    std::size_t count = 0;
    double mean = nan;
    double variance = nan; // NaN for fewer than two values

    static SampleMoments of(std::span<const double> values);
    // s / sqrt(n): the standard error of the mean of i.i.d. values.
    double standardErrorOfMean() const;
};
