#pragma once

#include "sim/simservercounters.h"
#include "sim/simstats.h"
#include "sim/sliphistogram.h"

#include <QList>
#include <QMutex>
#include <vector>

// The engine's state after a change: what the gauges show.
struct SimLiveState {
    int running = 0;
    int queued = 0;
    qint64 kvTokensUsed = 0; // prompt + generated tokens of the running sequences
    int prefixCachedBlocks = 0;
    qint64 prefixEvicted = 0; // blocks evicted since the previous SimLiveState
};

// What one engine step did, recorded at its end.
struct SimStepRecord {
    std::vector<qint64> slipsNs; // actual - planned send, per socket write
    qint64 tokens = 0;
    qint64 promptTokens = 0; // of the requests that got their first token
    // Observed by the engine outside the ledger's lock, merged into it at the step's end.
    SimBucketHistogram timeToFirstToken{SimServerCounters::ttftBounds()};   // arrival -> first
    SimBucketHistogram timePerOutputToken{SimServerCounters::tpotBounds()}; // previous -> this
    bool rescheduled = false; // the step restarted the schedule (SimStats::scheduleResets)
    void clear() {
        slipsNs.clear();
        timeToFirstToken.clear();
        timePerOutputToken.clear();
        tokens = promptTokens = 0;
        rescheduled = false;
    }
};

// The simulator's ground truth: counters, the slip histogram, the server metrics and a
// bounded history of finished requests. Written by the engine thread, read from any thread
// (one mutex; the engine takes it a few times per request and once per step, never per
// token), so every reader sees one consistent state of the engine.
class SimLedger {
public:
    explicit SimLedger(int historyLimit, int kvCacheTokens = 0);

    void requestStarted();
    void enteredFlight(); // accepted into the queue: in flight until finished
    // A request ended (success or any failure). leftFlight: it had been counted in flight
    // (the engine finished it; the router's refusals had not entered).
    void requestFinished(const SimRequestTruth& truth, bool success, bool leftFlight);
    void setLive(const SimLiveState& live);
    void recordStep(const SimStepRecord& step);
    // A prefix-cache lookup at admission (blocks and words as in SimStats).
    void prefixLookup(int queriedBlocks, int hitBlocks, int queriedWords, int hitWords);
    void preempted();
    void setOpenConnections(int count);

    SimStats stats() const;
    // The same state and the cumulative counters, taken together (GET /metrics).
    void snapshot(SimStats* stats, SimServerCounters* counters) const;
    QList<SimRequestTruth> requests() const;
    // At most limit (<= 0: all) of the latest requests with id > afterId, oldest first.
    QList<SimRequestTruth> requests(quint64 afterId, int limit) const;
    // The requests that finished after the one with finishSeq == afterSeq, in finishing order.
    QList<SimRequestTruth> finishedAfter(quint64 afterSeq) const;
    // SimStats' counters and the history; the live values (in flight, running, queued, KV
    // and cache occupancy) and the server metrics (SimServerCounters) stay.
    void reset();

private:
    void countFinish(const SimRequestTruth& truth, bool success);
    SimStats statsLocked() const;

    mutable QMutex m_mutex;
    SimStats m_stats;
    SimServerCounters m_counters; // never reset
    SlipHistogram m_slip;
    std::vector<SimRequestTruth> m_history; // ring buffer, capacity m_limit
    size_t m_next = 0;                      // where the next finished request goes
    size_t m_limit;
    quint64 m_finishSeq = 0; // the last SimRequestTruth::finishSeq given
};
