#pragma once

#include "profile/sweepplan.h"
#include "record/levelruninfo.h"
#include "record/requestrecord.h"
#include "stats/stabilityrule.h"

#include <QString>
#include <vector>

// Decides when an "until stable" level has measured enough (issue 13; docs/METRICS.md "Levels
// that run until they are sure"). Fed on the engine thread: the network threads' live
// content-event counter at every progress tick, and each finished record.
//
// Throughput: the content events per second of each tick interval, from the end of the ramp
// on (the first second at least: workers still starting are not the level's steady state).
// Events, not usage tokens, because they are known the moment the bytes arrive; the token
// rate is proportional to them while the workload stays the same, so their relative
// half-width is the token rate's. Latency: the chosen metric of every measured successful
// request. Both go through StabilityRule (batch means; order-statistic percentile interval).
class LevelStabilityMonitor {
public:
    LevelStabilityMonitor(const SweepPlan::UntilStable& settings, qint64 startNs,
                          qint64 contentEvents, double rampS);

    // At each progress tick: the counter now.
    void sample(qint64 nowNs, qint64 contentEvents);
    void onRecord(const RequestRecord& record);
    // The decision now; recomputed at most once a second (sorting the latencies is not free),
    // the last one in between.
    const StabilityDecision& evaluate(qint64 nowNs);
    const StabilityDecision& last() const { return m_last; }

    // How the level ended, for the run's notices: "stable after 14.2 s: tok/s +-1.8% (target
    // 2%), TTFT p95 +-4.6% (target 5%)" or "not stable within 300 s: ...". issuedSeconds: from
    // the level's start to the end of issuing.
    QString verdict(double issuedSeconds) const;
    // The same for the results (LevelRunInfo::stability); complete: the level ran to its end.
    LevelRunInfo::Stability outcome(bool complete) const;
    // "TTFT p95": what the latency criterion watches.
    QString latencyName() const;

private:
    SweepPlan::UntilStable m_settings;
    StabilityTargets m_targets;
    qint64 m_startNs;
    qint64 m_seriesFromNs;
    qint64 m_lastSampleNs;
    qint64 m_lastEvents;
    qint64 m_lastEvaluationNs = -1;
    std::vector<double> m_rates;
    std::vector<double> m_latencies;
    StabilityDecision m_last;
};
