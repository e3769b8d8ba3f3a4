#pragma once

#include "profile/sweepplan.h"
#include "transport/engineoptions.h"

#include <QList>
#include <QString>

// One level of the plan, resolved: what the level driver needs and nothing else.
struct LevelSpec {
    int index = 0;
    bool isRate = false;
    int concurrency = 0; // closed loop: N workers; open loop: cap (0 = none)
    double rate = 0.0;
    SweepPlan::Arrival arrival = SweepPlan::Arrival::Poisson;
    double burstiness = 1.0;
    int warmupRequests = 0;
    int measuredRequests = 0; // count-bound level: requests after warm-up; 0 if duration-bound
    double durationS = 0.0;   // duration-bound level (issuing stops at start + duration)
    double rampS = 0.0;       // closed loop: staggered start spread
    // "until stable": durationS is the maximum; the sweep may end issuing earlier once the
    // level's intervals are narrow enough (sweep/levelstabilitymonitor.h).
    SweepPlan::UntilStable untilStable;
    quint64 seed = 0;
    // openai-embeddings (issue 14): inputs per request at this level; 0 for other flavors.
    // A list of batch sizes repeats the plan's levels once per size (sweep/batchgrid.h).
    int batchSize = 0;
    // Trace replay: every arrival's time from the level start (ns, ascending); the level has
    // exactly these arrivals. Empty: the arrival process draws them.
    QList<qint64> scheduleNs;

    bool isDurationBound() const { return durationS > 0.0; }
    int totalRequests() const { return warmupRequests + measuredRequests; }
    QString label() const; // "c=16" / "5 rps", as LevelSummary::label(); "c=16, batch 8"

    static LevelSpec fromPlan(const SweepPlan& plan, int index, const EngineOptions& options);
};
