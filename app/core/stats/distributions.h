#pragma once

#include <cstdint>

// The few distribution functions plateau_stats needs, from Boost.Math (not hand-rolled).
// Out-of-domain arguments (p outside (0,1), df <= 0, NaN) return NaN instead of throwing.
class Distributions {
public:
    // Student t with df degrees of freedom (df may be fractional, e.g. Welch-Satterthwaite).
    static double studentTQuantile(double p, double df);
    static double studentTCdf(double x, double df);
    // Two-sided p-value of a t statistic: P(|T| >= |t|).
    static double studentTTwoSidedP(double t, double df);

    // Standard normal.
    static double normalQuantile(double p);
    static double normalCdf(double x);
    static double normalTwoSidedP(double z);

    static double chiSquaredQuantile(double p, double df);

    // P(B <= k) for B ~ Binomial(n, p); 0 for k < 0, 1 for k >= n.
    static double binomialCdf(std::int64_t k, std::int64_t n, double p);

    // The two-sided critical value t(1 - alpha/2, df) for a confidence level such as 0.95.
    static double studentTCritical(double confidence, double df);
};
