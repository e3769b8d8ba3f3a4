#pragma once

#include "profile/sweepplan.h"

#include <QString>

// Whether a closed-loop plan can put each level's concurrency in flight at all. With a
// request count per level, a level of N workers needs at least N requests: with fewer, at
// most that many are ever in flight, and the level's figures describe a lighter load than
// the one it names (issue 10: `-c 1..100000 -n 2` "plateaued at c=128"). A duration per
// level, or a rate plan, always can.
class PlanReach {
public:
    // Empty when every level can reach its concurrency; otherwise the message for the
    // field plan.requests_per_level, e.g. "2 requests per level cannot put 128 requests in
    // flight (c=128 is the largest level): use at least 128 requests per level, or a
    // duration per level".
    static QString problem(const SweepPlan& plan);
};
