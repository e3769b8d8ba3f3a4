#include "load/closedloopdriver.h"

#include "common/monotonicclock.h"

#include <algorithm>
#include <cmath>

ClosedLoopDriver::ClosedLoopDriver(const LevelSpec& spec, Issuer issuer, QObject* parent)
    : LevelDriver(spec, std::move(issuer), parent)
    , m_rampTimer(this)
    , m_thinkTimer(this) {
    m_rampTimer.setSingleShot(true);
    m_rampTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_rampTimer, &QTimer::timeout, this, &ClosedLoopDriver::onRampTimer);
    m_thinkTimer.setSingleShot(true);
    m_thinkTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_thinkTimer, &QTimer::timeout, this, &ClosedLoopDriver::onThinkTimer);
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
    const int slot = int(cookie);
    const qint64 thinkNs = m_thinkTime ? m_thinkTime(slot) : 0;
    if (thinkNs <= 0) {
        launch(slot, freeAtNs);
        return;
    }
    const qint64 dueNs = freeAtNs + thinkNs;
    if (dueNs >= deadlineNs()) { // its pause outlasts the level: it is done
        retire(slot, deadlineNs());
        return;
    }
    m_thinking.append({dueNs, slot});
    std::sort(m_thinking.begin(), m_thinking.end());
    armThinkTimer();
}

void ClosedLoopDriver::onThinkTimer() {
    const qint64 now = MonotonicClock::nowNs();
    while (isIssuing() && !m_thinking.isEmpty() && m_thinking.constFirst().first <= now) {
        const auto [dueNs, slot] = m_thinking.takeFirst();
        launch(slot, dueNs);
    }
    armThinkTimer();
}

void ClosedLoopDriver::armThinkTimer() {
    if (!isIssuing() || m_thinking.isEmpty())
        return;
    const qint64 waitNs = m_thinking.constFirst().first - MonotonicClock::nowNs();
    // Round up: a request must never be sent before it is due.
    m_thinkTimer.start(int(std::max<qint64>(0, (waitNs + 999999) / 1000000)));
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
    m_thinkTimer.stop();
    m_thinking.clear();
}
