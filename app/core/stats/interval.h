#pragma once

#include <cmath>
#include <limits>
#include <string>

// A confidence interval for one figure, as every method in plateau_stats returns it.
// When a method cannot give an interval (too little data, no interval at the requested
// confidence), lo/hi/halfWidth are NaN and `note` says why; `estimate` is still filled in
// when the point estimate itself exists.
struct Interval {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    double estimate = nan;
    double lo = nan;
    double hi = nan;
    double halfWidth = nan; // (hi - lo) / 2, also for asymmetric intervals
    double confidence = 0.95;
    // t-based methods only (else NaN): the standard error of the estimate and the degrees of
    // freedom of its t distribution. Comparisons and ratios are built from these.
    double standardError = nan;
    double degreesOfFreedom = nan;
    int sampleCount = 0; // observations behind the interval (batches for batch means)
    std::string method;  // "batch_means", "t", "order_statistic", "bootstrap_percentile", ...
    std::string note;    // why there is no interval, or a caveat; empty in the normal case

    bool ok() const { return std::isfinite(lo) && std::isfinite(hi); }
    // halfWidth / |estimate|: the figure "until stable" compares with its target; NaN when
    // there is no interval or the estimate is 0.
    double relativeHalfWidth() const {
        return ok() && estimate != 0.0 ? halfWidth / std::fabs(estimate) : nan;
    }
    bool contains(double value) const { return ok() && lo <= value && value <= hi; }
    // Whether the interval is t-based, so that Welch and Fieller can combine it with another.
    bool hasStandardError() const {
        return std::isfinite(estimate) && std::isfinite(standardError) && standardError >= 0.0 &&
               degreesOfFreedom > 0.0;
    }
};
