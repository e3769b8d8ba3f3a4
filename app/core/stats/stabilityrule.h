#pragma once

#include "stats/interval.h"

#include <span>
#include <string>

// "until stable": a level may end once its throughput interval's relative half-width is
// within one target and its chosen latency percentile's within another, between a minimum
// and a maximum duration.
//
// Time left: a half-width shrinks like 1/sqrt(elapsed) (error of a mean of a stationary
// series), so a criterion at relative half-width h with target T needs about
// elapsed * (h/T)^2 in all; the estimate is the larger of the two, clamped to the bounds.
// Stopping the first time an interval is narrow enough slightly lowers its coverage (it
// favours lucky stretches; Glynn & Whitt 1992); the minimum duration and the conservative
// batch-size rule keep this small, and the interval reported is the one at the stop.
struct StabilityTargets {
    double throughputRelHalfWidth = 0.02; // X: 2%
    double percentileRelHalfWidth = 0.05; // Y: 5%
    double minSeconds = 10.0;
    double maxSeconds = 300.0;
};

struct StabilityDecision {
    bool stop = false;   // end the level now
    bool stable = false; // both criteria met (whether or not the minimum has passed)
    std::string reason;  // "stable", "max_duration", or empty while running
    double throughputRelHalfWidth = Interval::nan;
    double percentileRelHalfWidth = Interval::nan;
    // Estimated seconds until the level stops; NaN while a criterion has no interval yet
    // (not enough data): the level then runs at most maxSeconds - elapsed more.
    double secondsLeft = Interval::nan;
};

class StabilityRule {
public:
    static StabilityDecision evaluate(const Interval& throughput, const Interval& percentile,
                                      double elapsedSeconds, const StabilityTargets& targets);
    // The same from the running data: throughput series (e.g. RateSeries bins) and the
    // latencies of the chosen metric (any order; NaN skipped) for quantile q.
    static StabilityDecision evaluateData(std::span<const double> throughputSeries,
                                          std::span<const double> latencies, double q,
                                          double elapsedSeconds, const StabilityTargets& targets,
                                          double confidence = 0.95);
    // Total time a criterion needs: elapsed * (relHalfWidth / target)^2 (NaN if unknown).
    static double secondsNeeded(double elapsedSeconds, double relHalfWidth, double target);
};
