#include "stats/stabilityrule.h"

#include "stats/batchmeans.h"
#include "stats/percentileinterval.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

double StabilityRule::secondsNeeded(double elapsedSeconds, double relHalfWidth, double target) {
    if (!std::isfinite(relHalfWidth) || !(target > 0.0) || !(elapsedSeconds >= 0.0))
        return Interval::nan;
    const double ratio = relHalfWidth / target;
    return elapsedSeconds * ratio * ratio;
}

StabilityDecision StabilityRule::evaluate(const Interval& throughput, const Interval& percentile,
                                          double elapsedSeconds, const StabilityTargets& targets) {
    StabilityDecision d;
    d.throughputRelHalfWidth = throughput.relativeHalfWidth();
    d.percentileRelHalfWidth = percentile.relativeHalfWidth();
    const double minSeconds = std::max(0.0, targets.minSeconds);
    const double maxSeconds = std::max(minSeconds, targets.maxSeconds);
    const double elapsed = std::max(0.0, elapsedSeconds);
    d.stable = d.throughputRelHalfWidth <= targets.throughputRelHalfWidth &&
               d.percentileRelHalfWidth <= targets.percentileRelHalfWidth; // false for NaN
    if (elapsed >= maxSeconds) {
        d.stop = true;
        d.reason = "max_duration";
        d.secondsLeft = 0.0;
        return d;
    }
    if (d.stable) {
        d.stop = elapsed >= minSeconds;
        d.reason = d.stop ? "stable" : "";
        d.secondsLeft = minSeconds - std::min(elapsed, minSeconds);
        return d;
    }
    const double needed =
        std::max(secondsNeeded(elapsed, d.throughputRelHalfWidth, targets.throughputRelHalfWidth),
                 secondsNeeded(elapsed, d.percentileRelHalfWidth, targets.percentileRelHalfWidth));
    // std::max keeps a NaN first argument; both must be known for an estimate.
    if (std::isfinite(needed) && std::isfinite(d.throughputRelHalfWidth) &&
        std::isfinite(d.percentileRelHalfWidth))
        d.secondsLeft = std::clamp(needed, minSeconds, maxSeconds) - elapsed;
    return d;
}

StabilityDecision StabilityRule::evaluateData(std::span<const double> throughputSeries,
                                              std::span<const double> latencies, double q,
                                              double elapsedSeconds,
                                              const StabilityTargets& targets, double confidence) {
    std::vector<double> sorted;
    sorted.reserve(latencies.size());
    std::copy_if(latencies.begin(), latencies.end(), std::back_inserter(sorted),
                 [](double v) { return !std::isnan(v); });
    std::sort(sorted.begin(), sorted.end());
    return evaluate(BatchMeans::compute(throughputSeries, confidence).interval,
                    PercentileInterval::orderStatistic(sorted, q, confidence), elapsedSeconds,
                    targets);
}
