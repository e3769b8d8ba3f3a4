#include "simledger.h"

#include <QMutexLocker>
#include <algorithm>

SimLedger::SimLedger(int historyLimit)
    : m_limit(size_t(std::max(0, historyLimit))) {}

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
    if (leftFlight)
        --m_stats.inFlight;
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

void SimLedger::setLive(int running, int queued) {
    QMutexLocker lock(&m_mutex);
    m_stats.running = running;
    m_stats.queued = queued;
}

void SimLedger::recordStep(const std::vector<qint64>& slipsNs, qint64 tokens, bool rescheduled) {
    QMutexLocker lock(&m_mutex);
    if (rescheduled)
        ++m_stats.scheduleResets;
    for (qint64 slip : slipsNs)
        m_slip.add(slip);
    m_stats.tokensEmitted += tokens;
    ++m_stats.steps;
}

void SimLedger::setOpenConnections(int count) {
    QMutexLocker lock(&m_mutex);
    m_stats.openConnections = count;
}

SimStats SimLedger::stats() const {
    QMutexLocker lock(&m_mutex);
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
    const int inFlight = m_stats.inFlight;
    const int running = m_stats.running;
    const int queued = m_stats.queued;
    const int connections = m_stats.openConnections;
    m_stats = SimStats{};
    m_stats.inFlight = inFlight;
    m_stats.maxInFlight = inFlight;
    m_stats.running = running;
    m_stats.queued = queued;
    m_stats.openConnections = connections;
    m_slip.clear();
    m_history.clear();
    m_next = 0;
}
