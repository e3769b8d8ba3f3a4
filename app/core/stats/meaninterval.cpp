#include "stats/meaninterval.h"

#include "stats/distributions.h"

#include <string>

Interval MeanInterval::studentT(std::span<const double> samples, double confidence) {
    return fromMoments(SampleMoments::of(samples), confidence, "t");
}

Interval MeanInterval::fromMoments(const SampleMoments& moments, double confidence,
                                   const char* method) {
    Interval ci;
    ci.method = method;
    ci.confidence = confidence;
    ci.estimate = moments.mean;
    ci.sampleCount = int(moments.count);
    if (!validConfidence(confidence)) {
        ci.note = "confidence must be between 0 and 1";
        return ci;
    }
    if (moments.count < 2) {
        ci.note = "not enough data: a t interval needs at least 2 values, got " +
                  std::to_string(moments.count);
        return ci;
    }
    ci.standardError = moments.standardErrorOfMean();
    ci.degreesOfFreedom = double(moments.count - 1);
    ci.halfWidth =
        Distributions::studentTCritical(confidence, ci.degreesOfFreedom) * ci.standardError;
    ci.lo = ci.estimate - ci.halfWidth;
    ci.hi = ci.estimate + ci.halfWidth;
    return ci;
}

Interval MeanInterval::fromHalfWidth(double estimate, double halfWidth, double degreesOfFreedom,
                                     double confidence, const char* method) {
    Interval ci;
    ci.method = method;
    ci.confidence = confidence;
    ci.estimate = estimate;
    const double t = Distributions::studentTCritical(confidence, degreesOfFreedom);
    if (!std::isfinite(estimate) || !std::isfinite(halfWidth) || halfWidth < 0.0 ||
        !std::isfinite(t)) {
        ci.note = "no interval stored";
        return ci;
    }
    ci.halfWidth = halfWidth;
    ci.lo = estimate - halfWidth;
    ci.hi = estimate + halfWidth;
    ci.degreesOfFreedom = degreesOfFreedom;
    ci.standardError = halfWidth / t;
    ci.sampleCount = degreesOfFreedom < 1e9 ? int(degreesOfFreedom) + 1 : 0;
    return ci;
}
