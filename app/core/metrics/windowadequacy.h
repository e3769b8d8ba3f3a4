#pragma once

#include "metrics/levelsummary.h"

#include <QString>

// Whether a level's steady window is long enough to carry a rate (docs/METRICS.md "Steady
// window"; README "What Plateau measures").
//
// Tokens arrive as discrete events, each stream about one per event period (the mean gap
// between its consecutive content events; a one-event answer's period is its whole e2e).
// Counting them in a window of length T is off by up to one event per stream at each edge,
// and under continuous batching every stream's events come in the same step, so the errors
// add up instead of averaging out: the relative error of events / T is up to period / T.
// A window of at least kMinEventPeriods periods keeps it within 10%; a shorter one (a few
// streams that all ended in a fast failure, a level of one round of requests) can read
// anything from 0 to several times the truth, so the level's wall-time figure is used
// instead and flagged. The rule is relative on purpose: an absolute floor (1 s) or one in
// e2e lengths would reject long steady windows of slow streams that measure well.
class WindowAdequacy {
public:
    static constexpr double kMinEventPeriods = 10.0;

    // The mean time between one stream's content events at this level, in ms: the level's
    // mean ITL, else its mean e2e (one event per request); NaN with no successful request.
    static double eventPeriodMs(const LevelSummary& level);

    // Empty when a window of windowSeconds can carry the level's rates; otherwise why not,
    // in words ("steady window 0.4 ms is shorter than 10 inter-token gaps (60 ms)"). A level with
    // no successful request has no period to compare with: any non-empty window will do
    // (it delivered nothing, and 0 tok/s is then the truth).
    static QString shortfall(double windowSeconds, const LevelSummary& level);
};
