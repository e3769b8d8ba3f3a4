#include "sweep/idledriver.h"

#include "common/monotonicclock.h"

#include <algorithm>

IdleDriver::IdleDriver(const LevelSpec& spec, Issuer issuer, QObject* parent)
    : LevelDriver(spec, std::move(issuer), parent)
    , m_timer(this) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &IdleDriver::onDeadline);
}

void IdleDriver::start(qint64 startNs) {
    setStartNs(startNs);
    // A count-bound level has no duration to sit through: it is over at once.
    const qint64 waitNs = spec().isDurationBound() ? deadlineNs() - MonotonicClock::nowNs() : 0;
    m_timer.start(int(std::clamp<qint64>((waitNs + 999999) / 1000000, 0, 0x7fffffff)));
}

void IdleDriver::onDeadline() {
    markIssueStop(MonotonicClock::nowNs());
    endIssuing();
}
