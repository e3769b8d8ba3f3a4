#include "load/openloopdriver.h"

#include "common/monotonicclock.h"

#include <algorithm>

OpenLoopDriver::OpenLoopDriver(const LevelSpec& spec, Issuer issuer, QObject* parent)
    : LevelDriver(spec, std::move(issuer), parent)
    , m_process(spec.arrival, spec.rate, spec.burstiness, spec.seed)
    , m_timer(this) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &OpenLoopDriver::onTimer);
}

void OpenLoopDriver::start(qint64 startNs) {
    setStartNs(startNs);
    // The first request opens the level (a trace: at its own first time).
    m_nextArrivalNs = startNs + spec().scheduleNs.value(0, 0);
    onTimer();
}

void OpenLoopDriver::onTimer() {
    const qint64 now = MonotonicClock::nowNs();
    while (!m_arrivalsOver) {
        if (m_nextArrivalNs >= deadlineNs()) {
            // No arrival planned before the end: the arrival process ends at the deadline.
            if (now >= deadlineNs()) {
                m_arrivalsOver = true;
                m_arrivalsEndNs = deadlineNs();
            }
            break;
        }
        if (m_nextArrivalNs > now)
            break;
        const qint64 planned = m_nextArrivalNs;
        m_nextArrivalNs = spec().scheduleNs.isEmpty()
                              ? m_nextArrivalNs + m_process.nextGapNs()
                              : startNs() + spec().scheduleNs.value(m_arrivals + 1, 0);
        arrive(planned);
        if (!spec().isDurationBound() && m_arrivals >= spec().totalRequests()) {
            m_arrivalsOver = true;
            m_arrivalsEndNs = planned;
        }
    }
    if (m_arrivalsOver)
        maybeEnd(m_arrivalsEndNs);
    else
        arm();
}

void OpenLoopDriver::arm() {
    const qint64 due = std::min(m_nextArrivalNs, deadlineNs());
    const qint64 waitNs = due - MonotonicClock::nowNs();
    // Round up: never send before the planned arrival (queue_ms must not go negative).
    m_timer.start(int(std::max<qint64>(0, (waitNs + 999999) / 1000000)));
}

void OpenLoopDriver::arrive(qint64 plannedNs) {
    const bool warmup = m_arrivals < spec().warmupRequests;
    ++m_arrivals;
    const int cap = spec().concurrency;
    if (cap > 0 && inFlight() >= cap)
        m_waiting.enqueue(Arrival{plannedNs, warmup});
    else
        issue(plannedNs, warmup, 0);
}

void OpenLoopDriver::handleFinished(qint64 cookie, qint64 freeAtNs) {
    Q_UNUSED(cookie);
    if (!m_waiting.isEmpty()) {
        const Arrival next = m_waiting.dequeue();
        issue(next.plannedNs, next.warmup, 0);
        if (m_arrivalsOver)
            maybeEnd(freeAtNs);
    }
}

void OpenLoopDriver::maybeEnd(qint64 lastIssueNs) {
    if (!isIssuing() || !m_waiting.isEmpty())
        return;
    m_timer.stop();
    markIssueStop(std::max(lastIssueNs, m_arrivalsEndNs));
    endIssuing();
}

void OpenLoopDriver::onStopIssuing() {
    m_timer.stop();
    m_waiting.clear();
}
