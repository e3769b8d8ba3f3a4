#pragma once

#include "metrics/sweepsummary.h"
#include "profile/latencybudget.h"
#include "profile/sweepplan.h"
#include "results/stopreason.h"

#include <QString>

struct StopDecision {
    bool stop = false;
    StopReason reason = StopReason::None; // ErrorRate, BudgetExceeded or Plateau
    QString notice;                       // plain language, for the user
};

// The sweep's stop rules, checked after each completed level (in this order):
// - error rate: the level's error rate exceeds plan.maxErrorRate (a limit >= 1 is off);
// - budget (plan.stopWhenBudgetExceeded): the level misses the latency budget and either
//   it is the first level or an earlier level met it (more load will not help);
// - plateau (plan.stopAtPlateau): the sweep summary says the throughput plateaued.
class StopRules {
public:
    static StopDecision afterLevel(const SweepPlan& plan, const LatencyBudget& budget,
                                   const SweepSummary& sweep, int levelIndex);
};
