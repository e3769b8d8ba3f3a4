#include "stats/ratiointerval.h"

#include "stats/distributions.h"
#include "stats/meaninterval.h"

#include <cmath>
#include <limits>

double RatioInterval::welchSatterthwaite(double varianceA, double dfA, double varianceB,
                                         double dfB) {
    const double total = varianceA + varianceB;
    const double denominator = varianceA * varianceA / dfA + varianceB * varianceB / dfB;
    if (!(denominator > 0.0))
        return std::numeric_limits<double>::infinity();
    return total * total / denominator;
}

Interval RatioInterval::fieller(const Interval& base, const Interval& candidate,
                                double confidence) {
    Interval ci;
    ci.method = "fieller";
    ci.confidence = confidence;
    const double a = base.estimate;
    const double b = candidate.estimate;
    ci.estimate = a != 0.0 ? b / a : Interval::nan;
    if (!MeanInterval::validConfidence(confidence)) {
        ci.note = "confidence must be between 0 and 1";
        return ci;
    }
    if (!base.hasStandardError() || !candidate.hasStandardError()) {
        ci.note = "no ratio interval: both figures need a t-based interval (standard error, df)";
        return ci;
    }
    const double va = base.standardError * base.standardError;
    const double vb = candidate.standardError * candidate.standardError;
    const double r = ci.estimate;
    ci.degreesOfFreedom =
        welchSatterthwaite(vb, candidate.degreesOfFreedom, r * r * va, base.degreesOfFreedom);
    const double t = Distributions::studentTCritical(confidence, ci.degreesOfFreedom);
    const double t2 = t * t;
    // (b - r a)^2 <= t^2 (vb + r^2 va)  <=>  A r^2 - 2ab r + C <= 0.
    const double quadA = a * a - t2 * va;
    if (!(quadA > 0.0)) {
        ci.note = "no bounded ratio interval: the base is not clearly different from 0";
        return ci;
    }
    const double root = std::sqrt(t2 * (a * a * vb + b * b * va - t2 * va * vb));
    ci.lo = (a * b - root) / quadA;
    ci.hi = (a * b + root) / quadA;
    ci.halfWidth = (ci.hi - ci.lo) / 2.0;
    ci.sampleCount = std::min(base.sampleCount, candidate.sampleCount);
    return ci;
}
