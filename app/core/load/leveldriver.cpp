#include "load/leveldriver.h"

#include "common/monotonicclock.h"

#include <cmath>
#include <limits>

LevelDriver::LevelDriver(const LevelSpec& spec, Issuer issuer, QObject* parent)
    : QObject(parent)
    , m_spec(spec)
    , m_issuer(std::move(issuer)) {}

void LevelDriver::stopIssuing() {
    if (m_issuingOver)
        return;
    markIssueStop(MonotonicClock::nowNs());
    onStopIssuing();
    endIssuing();
}

void LevelDriver::onRequestFinished(qint64 cookie, const RequestRecord& record) {
    --m_inFlight;
    const qint64 freeAt = record.tEndNs >= 0 ? record.tEndNs : MonotonicClock::nowNs();
    if (!m_issuingOver)
        handleFinished(cookie, freeAt);
    checkDrained();
}

bool LevelDriver::ticketsLeft() const {
    return m_spec.isDurationBound() || m_issued < m_spec.totalRequests();
}

bool LevelDriver::takeTicket(bool* warmup) {
    if (!ticketsLeft())
        return false;
    *warmup = m_issued < m_spec.warmupRequests;
    return true;
}

void LevelDriver::issue(qint64 tSchedNs, bool warmup, qint64 cookie) {
    ++m_issued;
    ++m_inFlight;
    m_issuer(tSchedNs, warmup, cookie);
}

void LevelDriver::markIssueStop(qint64 ns) {
    if (m_issueStopNs < 0)
        m_issueStopNs = ns;
}

void LevelDriver::endIssuing() {
    m_issuingOver = true;
    checkDrained();
}

qint64 LevelDriver::deadlineNs() const {
    if (!m_spec.isDurationBound() || m_startNs < 0)
        return std::numeric_limits<qint64>::max();
    return m_startNs + qint64(std::llround(m_spec.durationS * 1e9));
}

void LevelDriver::checkDrained() {
    if (!m_drainedEmitted && isDrained()) {
        m_drainedEmitted = true;
        Q_EMIT drained();
    }
}
