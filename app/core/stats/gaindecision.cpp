#include "stats/gaindecision.h"

#include "stats/ratiointerval.h"

GainDecisionResult GainDecision::decide(const Interval& lower, const Interval& higher,
                                        double gainThreshold, double confidence) {
    GainDecisionResult r;
    r.ratio = RatioInterval::fieller(lower, higher, confidence);
    if (!r.ratio.ok()) {
        r.note = r.ratio.note;
        return r;
    }
    const double bar = 1.0 + gainThreshold;
    if (r.ratio.hi < bar)
        r.verdict = GainVerdict::Flat;
    else if (r.ratio.lo >= bar)
        r.verdict = GainVerdict::Gained;
    return r;
}

const char* GainDecision::verdictName(GainVerdict verdict) {
    switch (verdict) {
    case GainVerdict::Flat:
        return "flat";
    case GainVerdict::Gained:
        return "gained";
    case GainVerdict::Undecided:
        break;
    }
    return "undecided";
}
