#pragma once

#include "stats/interval.h"

#include <string>

// "Did this step of the sweep still gain?" with its uncertainty: the plateau detector's
// "gained < 5%" only when the interval of throughput(level k+1) / throughput(level k)
// (Fieller, RatioInterval) lies wholly below 1 + threshold; "gained" only when it lies wholly
// at or above it; anything else is undecided (the noise is larger than the question).
// With a 95% two-sided ratio interval each verdict is a one-sided test at 2.5%.
enum class GainVerdict { Flat, Gained, Undecided };

struct GainDecisionResult {
    GainVerdict verdict = GainVerdict::Undecided;
    Interval ratio; // higher / lower
    std::string note;
};

class GainDecision {
public:
    // lower: the level with less load; higher: the next one. Both t-based (batch means).
    static GainDecisionResult decide(const Interval& lower, const Interval& higher,
                                     double gainThreshold = 0.05, double confidence = 0.95);
    static const char* verdictName(GainVerdict verdict); // "flat", "gained", "undecided"
};
