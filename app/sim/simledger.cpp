#include "sim/simledger.h"

#include <QMutexLocker>
#include <algorithm>

namespace {
double seconds(qint64 ns) {
    return double(ns) / 1e9;
}
} // namespace

SimLedger::SimLedger(int historyLimit, int kvCacheTokens)
    : m_limit(size_t(std::max(0, historyLimit))) {
    m_stats.kvCacheTokens = std::max(0, kvCacheTokens);
}

void SimLedger::requestStarted() {
    QMutexLocker lock(&m_mutex);
    ++m_stats.requestsStarted;
}

void SimLedger::enteredFlight() {
    QMutexLocker lock(&m_mutex);
    ++m_stats.inFlight;
    m_stats.maxInFlight = std::max(m_stats.maxInFlight, m_stats.inFlight);
}

void SimLedger::requestFinished(const SimRequestTruth& truth, bool success, bool leftFlight) {
    QMutexLocker lock(&m_mutex);
    if (success)
        ++m_stats.requestsCompleted;
    else
        ++m_stats.requestsFailed;
    if (leftFlight) {
        --m_stats.inFlight;
        countFinish(truth, success);
    }
    if (m_limit == 0)
        return;
    if (m_history.size() < m_limit) {
        m_history.push_back(truth);
    } else {
        m_history[m_next] = truth;
    }
    m_history[m_next].finishSeq = ++m_finishSeq;
    m_next = (m_next + 1) % m_limit;
}

// Caller holds the lock. The engine finished it: vLLM counts it by finish reason.
void SimLedger::countFinish(const SimRequestTruth& truth, bool success) {
    if (!success)
        ++m_counters.finishedAbort;
    else if (truth.finishReason == QLatin1String("length"))
        ++m_counters.finishedLength;
    else
        ++m_counters.finishedStop;
    if (success && truth.plannedEnd == QLatin1String("early_stop"))
        ++m_stats.earlyStops;
    if (truth.arrivalNs >= 0 && truth.finishedNs >= truth.arrivalNs)
        m_counters.e2eRequestLatency.observe(seconds(truth.finishedNs - truth.arrivalNs));
}

void SimLedger::setLive(const SimLiveState& live) {
    QMutexLocker lock(&m_mutex);
    m_stats.running = live.running;
    m_stats.queued = live.queued;
    m_stats.kvTokensUsed = live.kvTokensUsed;
    m_stats.prefixCachedBlocks = live.prefixCachedBlocks;
    m_stats.prefixEvictedBlocks += live.prefixEvicted;
}

void SimLedger::recordStep(const SimStepRecord& step) {
    QMutexLocker lock(&m_mutex);
    if (step.rescheduled)
        ++m_stats.scheduleResets;
    for (qint64 slip : step.slipsNs)
        m_slip.add(slip);
    m_stats.tokensEmitted += step.tokens;
    m_stats.promptTokens += step.promptTokens;
    ++m_stats.steps;
    m_counters.generationTokens += step.tokens;
    m_counters.promptTokens += step.promptTokens;
    m_counters.timeToFirstToken.merge(step.timeToFirstToken);
    m_counters.timePerOutputToken.merge(step.timePerOutputToken);
}

void SimLedger::prefixLookup(int queriedBlocks, int hitBlocks, int queriedWords, int hitWords) {
    QMutexLocker lock(&m_mutex);
    m_stats.prefixQueriedBlocks += queriedBlocks;
    m_stats.prefixHitBlocks += hitBlocks;
    m_stats.prefixQueriedWords += queriedWords;
    m_stats.prefixHitWords += hitWords;
    m_counters.prefixQueries += queriedWords;
    m_counters.prefixHits += hitWords;
}

void SimLedger::preempted() {
    QMutexLocker lock(&m_mutex);
    ++m_stats.preemptions;
    ++m_counters.preemptions;
}

void SimLedger::setOpenConnections(int count) {
    QMutexLocker lock(&m_mutex);
    m_stats.openConnections = count;
}

SimStats SimLedger::stats() const {
    QMutexLocker lock(&m_mutex);
    return statsLocked();
}

void SimLedger::snapshot(SimStats* stats, SimServerCounters* counters) const {
    QMutexLocker lock(&m_mutex);
    *stats = statsLocked();
    *counters = m_counters;
}

SimStats SimLedger::statsLocked() const {
    SimStats s = m_stats;
    s.scheduleSlipP50Ms = m_slip.percentileMs(50);
    s.scheduleSlipP99Ms = m_slip.percentileMs(99);
    s.scheduleSlipMaxMs = m_slip.maxMs();
    s.slipSamples = m_slip.count();
    return s;
}

QList<SimRequestTruth> SimLedger::requests() const {
    return requests(0, 0);
}

QList<SimRequestTruth> SimLedger::requests(quint64 afterId, int limit) const {
    QMutexLocker lock(&m_mutex);
    QList<SimRequestTruth> list;
    const size_t n = m_history.size();
    // Oldest entry: index 0 until the ring wraps, then m_next.
    const size_t first = n < m_limit ? 0 : m_next;
    list.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i) {
        const SimRequestTruth& t = m_history[(first + i) % n];
        if (t.id > afterId)
            list.append(t);
    }
    if (limit > 0 && list.size() > limit)
        list = list.mid(list.size() - limit);
    return list;
}

QList<SimRequestTruth> SimLedger::finishedAfter(quint64 afterSeq) const {
    QMutexLocker lock(&m_mutex);
    QList<SimRequestTruth> list;
    const size_t n = m_history.size();
    const size_t first = n < m_limit ? 0 : m_next;
    for (size_t i = 0; i < n; ++i) {
        const SimRequestTruth& t = m_history[(first + i) % n];
        if (t.finishSeq > afterSeq)
            list.append(t);
    }
    return list;
}

void SimLedger::reset() {
    QMutexLocker lock(&m_mutex);
    const SimStats live = m_stats;
    m_stats = SimStats{};
    m_stats.inFlight = live.inFlight;
    m_stats.maxInFlight = live.inFlight;
    m_stats.running = live.running;
    m_stats.queued = live.queued;
    m_stats.openConnections = live.openConnections;
    m_stats.kvTokensUsed = live.kvTokensUsed;
    m_stats.kvCacheTokens = live.kvCacheTokens;
    m_stats.prefixCachedBlocks = live.prefixCachedBlocks;
    m_slip.clear();
    m_history.clear();
    m_next = 0;
}
