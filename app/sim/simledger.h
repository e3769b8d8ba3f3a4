#pragma once

#include "simstats.h"
#include "sliphistogram.h"

#include <QList>
#include <QMutex>
#include <vector>

// The simulator's ground truth: counters, the slip histogram and a bounded history of
// finished requests. Written by the engine thread, read from any thread (one mutex; the
// engine takes it a few times per request and once per step, never per token).
class SimLedger {
public:
    explicit SimLedger(int historyLimit);

    void requestStarted();
    void enteredFlight(); // accepted into the queue: in flight until finished
    // A request ended (success or any failure). leftFlight: it had been counted in flight.
    void requestFinished(const SimRequestTruth& truth, bool success, bool leftFlight);
    void setLive(int running, int queued);
    // rescheduled: this step restarted the schedule (SimStats::scheduleResets).
    void recordStep(const std::vector<qint64>& slipsNs, qint64 tokens, bool rescheduled);
    void setOpenConnections(int count);

    SimStats stats() const;
    QList<SimRequestTruth> requests() const;
    // At most limit (<= 0: all) of the latest requests with id > afterId, oldest first.
    QList<SimRequestTruth> requests(quint64 afterId, int limit) const;
    // The requests that finished after the one with finishSeq == afterSeq, in finishing order.
    QList<SimRequestTruth> finishedAfter(quint64 afterSeq) const;
    void reset(); // counters and history; the live values (in flight, running, queued) stay

private:
    mutable QMutex m_mutex;
    SimStats m_stats;
    SlipHistogram m_slip;
    std::vector<SimRequestTruth> m_history; // ring buffer, capacity m_limit
    size_t m_next = 0;                      // where the next finished request goes
    size_t m_limit;
    quint64 m_finishSeq = 0; // the last SimRequestTruth::finishSeq given
};
