#include "profile/planreach.h"

#include <algorithm>

QString PlanReach::problem(const SweepPlan& plan) {
    // Duration wins when set (SweepPlan): workers then issue until the time is up.
    if (plan.mode != SweepPlan::Mode::Concurrency || plan.durationPerLevelS > 0 ||
        plan.untilStable.enabled || plan.requestsPerLevel <= 0 || plan.concurrencies.isEmpty())
        return {};
    const int largest = *std::max_element(plan.concurrencies.cbegin(), plan.concurrencies.cend());
    // Measured requests only: the warm-up is left out of the figures, so a level whose
    // measured requests cannot fill its workers still reports a lighter load.
    if (plan.requestsPerLevel >= largest)
        return {};
    return QStringLiteral("%1 requests per level cannot put %2 requests in flight (c=%2 is the "
                          "largest level): use at least %2 requests per level, or a duration "
                          "per level")
        .arg(plan.requestsPerLevel)
        .arg(largest);
}
