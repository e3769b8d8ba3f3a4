#pragma once

#include "stats/interval.h"

// Interval for candidate / base from two independent t-based intervals (estimate, standard
// error, degrees of freedom), by Fieller's theorem: the set of ratios r for which
// candidate - r*base is not significantly different from 0. Unlike dividing the bounds, it
// accounts for the uncertainty of both; unlike the delta method it stays right when the
// base's relative error is large, and says so (no bounded interval) when the base is not
// clearly non-zero. Degrees of freedom: Welch-Satterthwaite for candidate - r*base at the
// point ratio.
class RatioInterval {
public:
    static Interval fieller(const Interval& base, const Interval& candidate,
                            double confidence = 0.95);
    // Welch-Satterthwaite degrees of freedom of a*x + b*y: (va + vb)^2 / (va^2/dfa + vb^2/dfb)
    // with va, vb the variances of the two terms; infinite when both are 0.
    static double welchSatterthwaite(double varianceA, double dfA, double varianceB, double dfB);
};
