#include "load/closedloopdriver.h"

#include "common/monotonicclock.h"

#include <algorithm>
#include <cmath>

ClosedLoopDriver::ClosedLoopDriver(const LevelSpec& spec, Issuer issuer, QObject* parent)
    : LevelDriver(spec, std::move(issuer), parent)
    , m_rampTimer(this) {
    m_rampTimer.setSingleShot(true);
    m_rampTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_rampTimer, &QTimer::timeout, this, &ClosedLoopDriver::onRampTimer);
}

void ClosedLoopDriver::start(qint64 startNs) {
    setStartNs(startNs);
    const int workers = std::max(1, spec().concurrency);
    const double rampNs = spec().rampS * 1e9;
    m_plannedStartNs.reserve(workers);
    for (int i = 0; i < workers; ++i) {
        const double offset = workers > 1 ? rampNs * i / (workers - 1) : 0.0;
        m_plannedStartNs.append(startNs + qint64(std::llround(offset)));
    }
    onRampTimer();
}

void ClosedLoopDriver::onRampTimer() {
    const qint64 now = MonotonicClock::nowNs();
    while (isIssuing() && m_nextToStart < m_plannedStartNs.size() &&
           m_plannedStartNs.at(m_nextToStart) <= now) {
        const int slot = m_nextToStart++;
        launch(slot, m_plannedStartNs.at(slot));
    }
    armRampTimer();
}

void ClosedLoopDriver::armRampTimer() {
    if (!isIssuing() || m_nextToStart >= m_plannedStartNs.size())
        return;
    const qint64 waitNs = m_plannedStartNs.at(m_nextToStart) - MonotonicClock::nowNs();
    // Round up: a worker must never start before its planned time.
    m_rampTimer.start(int(std::max<qint64>(0, (waitNs + 999999) / 1000000)));
}

void ClosedLoopDriver::handleFinished(qint64 cookie, qint64 freeAtNs) {
    launch(int(cookie), freeAtNs);
}

void ClosedLoopDriver::launch(int slot, qint64 freeAtNs) {
    if (freeAtNs >= deadlineNs()) {
        retire(slot, freeAtNs);
        return;
    }
    bool warmup = false;
    if (!takeTicket(&warmup)) {
        retire(slot, freeAtNs);
        // The shared counter is empty: workers that have not started never will.
        retireUnstarted();
        return;
    }
    issue(freeAtNs, warmup, slot);
}

void ClosedLoopDriver::retire(int slot, qint64 atNs) {
    Q_UNUSED(slot);
    markIssueStop(atNs);
    ++m_retired;
    if (m_retired == m_plannedStartNs.size()) {
        m_rampTimer.stop();
        endIssuing();
    }
}

void ClosedLoopDriver::retireUnstarted() {
    while (isIssuing() && m_nextToStart < m_plannedStartNs.size()) {
        const int slot = m_nextToStart++;
        retire(slot, m_plannedStartNs.at(slot));
    }
}

void ClosedLoopDriver::onStopIssuing() {
    m_rampTimer.stop();
}
