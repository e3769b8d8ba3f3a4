#include "load/levelspec.h"

#include "metrics/levelsummary.h"

#include <algorithm>

QString LevelSpec::label() const {
    LevelSummary summary;
    summary.isRate = isRate;
    summary.concurrency = concurrency;
    summary.rate = rate;
    if (batchSize > 0)
        return summary.label() + QStringLiteral(", batch ") + QString::number(batchSize);
    return summary.label();
}

LevelSpec LevelSpec::fromPlan(const SweepPlan& plan, int index, const EngineOptions& options) {
    LevelSpec spec;
    spec.index = index;
    spec.isRate = plan.mode == SweepPlan::Mode::Rate;
    if (spec.isRate) {
        spec.rate = plan.rates.value(index, 1.0);
        spec.concurrency = std::max(0, plan.maxConcurrency);
    } else {
        spec.concurrency = std::max(1, plan.concurrencies.value(index, 1));
    }
    spec.arrival = plan.arrival;
    spec.burstiness = plan.burstiness;
    spec.warmupRequests = std::max(0, plan.warmupRequests);
    // SweepPlan: "until stable" runs up to its maximum; else a duration wins when set;
    // otherwise a request count (at least one).
    spec.untilStable = plan.untilStable;
    if (plan.untilStable.enabled)
        spec.durationS = std::max(plan.untilStable.maxSeconds, 0.001);
    else if (plan.durationPerLevelS > 0.0)
        spec.durationS = plan.durationPerLevelS;
    else
        spec.measuredRequests = std::max(1, plan.requestsPerLevel);
    if (!spec.isRate && spec.concurrency > 1) {
        double ramp =
            std::min(options.maxRampS, options.rampPerWorkerMs * (spec.concurrency - 1) / 1000.0);
        if (plan.untilStable.enabled) // the ramp must not eat the minimum
            ramp = std::min(ramp, plan.untilStable.minSeconds / 10.0);
        else if (spec.isDurationBound())
            ramp = std::min(ramp, spec.durationS / 10.0);
        spec.rampS = std::max(0.0, ramp);
    }
    // Distinct, reproducible stream per level.
    spec.seed = plan.seed * 1000003ULL + quint64(index);
    return spec;
}
