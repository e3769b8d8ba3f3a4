#pragma once

#include "metrics/levelsummary.h"
#include "record/levelruninfo.h"

#include <QStringList>

// Decides whether the client itself may have limited a level (docs/METRICS.md "client_bound"):
// requests waited on the client before being sent, its event loops lagged, or it never
// held the concurrency the level names.
class ClientHealth {
public:
    // queue_ms p99 above this AND above this share of TTFT p50: the client delayed sends
    // by an amount that matters next to what the endpoint takes to answer.
    static constexpr double kQueueP99Ms = 10.0;
    static constexpr double kQueueShareOfTtft = 0.05;
    // Event-loop lag p99 above this: timestamps and sends may be late by that much.
    static constexpr double kLagP99Ms = 20.0;
    // Closed loop: achieved concurrency below this share of the target.
    static constexpr double kConcurrencyShare = 0.9;

    // The reasons, in words, for a summary whose latency, queue and concurrency fields are
    // filled in. queueP99Ms: over every measured request (failed ones waited too).
    // targetReached / maxInFlight: what the steady-window search found; a level whose
    // targetUnreachable is "plan" (fewer requests than workers) is not held against the
    // client.
    static QStringList reasons(const LevelSummary& level, const LevelRunInfo& info,
                               double queueP99Ms, bool targetReached);
};
