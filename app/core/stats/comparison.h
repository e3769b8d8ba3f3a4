#pragma once

#include "stats/interval.h"

#include <string>

// Candidate versus base for one figure (A/B, or BASE.json vs NEW.json in a CI gate).
// delta = candidate - base; percent figures are relative to base.
struct Comparison {
    static constexpr double nan = Interval::nan;

    double base = nan;
    double candidate = nan;
    double delta = nan;
    double deltaPercent = nan;
    Interval ci;              // interval of delta (ci.estimate == delta)
    double ciPercentLo = nan; // interval of deltaPercent: (ratio interval - 1) * 100
    double ciPercentHi = nan;
    double pValue = nan;      // two-sided, for "no difference"
    bool significant = false; // the interval of delta excludes 0 at ci.confidence
    std::string method;       // "welch_t", "bootstrap_difference", ...
    std::string note;         // why there is no test, or a caveat

    bool ok() const { return ci.ok(); }
};
