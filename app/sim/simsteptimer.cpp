#include "sim/simsteptimer.h"

#include "common/monotonicclock.h"

#include <chrono>
#include <thread>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace {
// The final sleep is at most this long; the rest of the wait runs in the event loop so
// sockets are served meanwhile.
constexpr qint64 kSleepWindowNs = 1500000;
// The last stretch is spun, not slept: a sleeping thread wakes 25 us late typically and
// over 100 us late one time in a hundred on a virtual machine (measured here), which the
// step's every token would inherit. Costs at most this much CPU per step.
constexpr qint64 kSpinWindowNs = 150000;
} // namespace

SimStepTimer::SimStepTimer(QObject* parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimStepTimer::onTimeout);
}

void SimStepTimer::tuneCurrentThread() {
#ifdef Q_OS_LINUX
    prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0); // 1 µs instead of the default 50 µs
#endif
}

void SimStepTimer::armAt(qint64 deadlineNs) {
    m_deadlineNs = deadlineNs;
    m_armed = true;
    const qint64 remaining = deadlineNs - MonotonicClock::nowNs();
    // Wake 1.5-2.5 ms early: Qt may fire up to 1 ms after the whole-millisecond interval.
    const qint64 waitMs = (remaining - kSleepWindowNs) / 1000000;
    m_timer.start(int(std::max<qint64>(0, waitMs)));
}

void SimStepTimer::cancel() {
    m_armed = false;
    m_timer.stop();
}

void SimStepTimer::onTimeout() {
    if (!m_armed)
        return;
    const qint64 remaining = m_deadlineNs - MonotonicClock::nowNs();
    if (remaining > 2 * kSleepWindowNs) {
        armAt(m_deadlineNs); // woke far too early (should not happen): wait again
        return;
    }
    if (remaining > kSpinWindowNs) {
        using namespace std::chrono;
        std::this_thread::sleep_until(
            steady_clock::time_point(nanoseconds(m_deadlineNs - kSpinWindowNs)));
    }
    while (MonotonicClock::nowNs() < m_deadlineNs) {
        // spin: the deadline is at most kSpinWindowNs (plus a late wake-up) away
    }
    m_armed = false;
    Q_EMIT due();
}
