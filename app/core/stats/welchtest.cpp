#include "stats/welchtest.h"

#include "stats/distributions.h"
#include "stats/meaninterval.h"
#include "stats/ratiointerval.h"

#include <cmath>

namespace {

void fillPercent(Comparison& c, const Interval& base, const Interval& candidate,
                 double confidence) {
    if (c.base != 0.0)
        c.deltaPercent = 100.0 * c.delta / c.base;
    const Interval ratio = RatioInterval::fieller(base, candidate, confidence);
    if (ratio.ok()) {
        c.ciPercentLo = 100.0 * (ratio.lo - 1.0);
        c.ciPercentHi = 100.0 * (ratio.hi - 1.0);
    }
}
} // namespace

Comparison WelchTest::compare(const Interval& base, const Interval& candidate, double confidence) {
    Comparison c;
    c.method = "welch_t";
    c.base = base.estimate;
    c.candidate = candidate.estimate;
    c.delta = c.candidate - c.base;
    c.ci.method = "welch_t";
    c.ci.confidence = confidence;
    c.ci.estimate = c.delta;
    if (!MeanInterval::validConfidence(confidence)) {
        c.note = "confidence must be between 0 and 1";
        return c;
    }
    if (!base.hasStandardError() || !candidate.hasStandardError()) {
        c.note = "no test: both figures need an interval (" +
                 (base.hasStandardError() ? candidate.note : base.note) + ")";
        return c;
    }
    const double va = base.standardError * base.standardError;
    const double vb = candidate.standardError * candidate.standardError;
    const double se = std::sqrt(va + vb);
    const double df = RatioInterval::welchSatterthwaite(va, base.degreesOfFreedom, vb,
                                                        candidate.degreesOfFreedom);
    c.ci = MeanInterval::fromHalfWidth(
        c.delta, Distributions::studentTCritical(confidence, df) * se, df, confidence, "welch_t");
    c.ci.sampleCount = base.sampleCount + candidate.sampleCount;
    if (se > 0.0)
        c.pValue = Distributions::studentTTwoSidedP(c.delta / se, df);
    else
        c.pValue = c.delta == 0.0 ? 1.0 : 0.0; // no noise at all: any difference is real
    c.significant = c.ci.ok() && !(c.ci.lo <= 0.0 && 0.0 <= c.ci.hi);
    fillPercent(c, base, candidate, confidence);
    return c;
}

Comparison WelchTest::compareSamples(std::span<const double> base,
                                     std::span<const double> candidate, double confidence) {
    return compare(MeanInterval::studentT(base, confidence),
                   MeanInterval::studentT(candidate, confidence), confidence);
}
