#include "transport/epolleventdispatcher.h"

#include "common/monotonicclock.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <algorithm>
#include <limits>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#endif

namespace {
constexpr int kMaxEvents = 64; // per epoll_wait; the rest stay ready for the next one
constexpr qint64 kNsPerMs = 1000000;
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject* parent)
    : QAbstractEventDispatcher(parent)
    , m_nearestDueNs(std::numeric_limits<qint64>::max()) {
#ifdef Q_OS_LINUX
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wakeFd < 0)
        return;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event);
#endif
}

EpollEventDispatcher::~EpollEventDispatcher() {
#ifdef Q_OS_LINUX
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags) {
    m_interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();
    // Events posted from now on write the eventfd, so the wait below cannot miss them.
    QCoreApplication::sendPostedEvents();
    const bool canWait =
        (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load(std::memory_order_relaxed);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.load(std::memory_order_relaxed))
        return false;
    int timeoutMs = 0;
    if (canWait)
        timeoutMs = waitMs(MonotonicClock::nowNs());
    bool handled = false;
#ifdef Q_OS_LINUX
    epoll_event events[kMaxEvents];
    // With a waiter, its wait is the thread's one; this set is looked at only when it says so.
    const bool viaWaiter = m_waiter && !(flags & QEventLoop::ExcludeSocketNotifiers);
    int ready = viaWaiter && !m_waiter->waitFor(m_epoll, timeoutMs)
                    ? 0
                    : epoll_wait(m_epoll, events, kMaxEvents, viaWaiter ? 0 : timeoutMs);
    if (ready < 0)
        ready = 0; // EINTR: the timers and the next round will do
    if (canWait)
        Q_EMIT awake();
    QVarLengthArray<Activation, kMaxEvents> activations;
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            drainWakeUp();
            continue;
        }
        collect(fd, events[i].events, &activations);
    }
    if (!(flags & QEventLoop::ExcludeSocketNotifiers))
        handled = activate(activations) || handled;
#endif
    handled = activateTimers() || handled;
    return handled;
}

void EpollEventDispatcher::collect(int fd, quint32 ready, ActivationList* out) const {
#ifdef Q_OS_LINUX
    const auto it = m_watched.constFind(fd);
    if (it == m_watched.cend())
        return;
    // As Qt's poll() dispatcher: a hang-up or an error wakes the reader (and the writer).
    if (it->read && (ready & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
        out->append({it->read, fd});
    if (it->write && (ready & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
        out->append({it->write, fd});
    if (it->exception && (ready & EPOLLPRI))
        out->append({it->exception, fd});
#else
    Q_UNUSED(fd);
    Q_UNUSED(ready);
    Q_UNUSED(out);
#endif
}

bool EpollEventDispatcher::activate(const ActivationList& activations) {
    for (const Activation& a : activations) {
        // A notifier handled before this one may have removed (or deleted) this one.
        const auto it = m_watched.constFind(a.fd);
        if (it == m_watched.cend() ||
            (it->read != a.notifier && it->write != a.notifier && it->exception != a.notifier))
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(a.notifier, &event);
    }
    return !activations.isEmpty();
}

qint64 EpollEventDispatcher::nearestDueNs() {
    if (m_nearestStale) {
        m_nearestStale = false;
        m_nearestDueNs = std::numeric_limits<qint64>::max();
        for (const Timer& timer : std::as_const(m_timers))
            m_nearestDueNs = std::min(m_nearestDueNs, timer.dueNs);
    }
    return m_nearestDueNs;
}

int EpollEventDispatcher::waitMs(qint64 nowNs) {
    const qint64 nearest = nearestDueNs();
    if (nearest == std::numeric_limits<qint64>::max())
        return -1;
    const qint64 waitNs = std::max<qint64>(0, nearest - nowNs);
    // Rounded up: waking before the timer is due would only cost another round.
    return int(std::min<qint64>((waitNs + kNsPerMs - 1) / kNsPerMs, 24 * 3600 * 1000));
}

bool EpollEventDispatcher::activateTimers() {
    if (m_timers.isEmpty())
        return false;
    const qint64 now = MonotonicClock::nowNs();
    if (now < nearestDueNs())
        return false;
    // The timers due now; one started while they fire waits for the next round.
    QVarLengthArray<int, 16> due;
    for (const Timer& timer : std::as_const(m_timers))
        if (timer.dueNs <= now)
            due.append(timer.id);
    for (int id : due) {
        const auto it = std::find_if(m_timers.begin(), m_timers.end(),
                                     [id](const Timer& timer) { return timer.id == id; });
        if (it == m_timers.end())
            continue; // stopped by a timer that fired before it
        // The next time counts from when it was due, as Qt's precise timers do; a timer
        // that fell behind by more than its interval starts again from now.
        it->dueNs += it->intervalMs * kNsPerMs;
        if (it->dueNs <= now)
            it->dueNs = now + it->intervalMs * kNsPerMs;
        m_nearestStale = true;
        QObject* object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
    }
    // Nothing was due after all (never expected): look again rather than wake in a loop.
    m_nearestStale = m_nearestStale || due.isEmpty();
    return !due.isEmpty();
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier* notifier) {
    const int fd = int(notifier->socket());
    Watched& watched = m_watched[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watched.read = notifier;
        break;
    case QSocketNotifier::Write:
        watched.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watched.exception = notifier;
        break;
    }
    updateWatch(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier* notifier) {
    const int fd = int(notifier->socket());
    const auto it = m_watched.find(fd);
    if (it == m_watched.end())
        return;
    if (it->read == notifier)
        it->read = nullptr;
    if (it->write == notifier)
        it->write = nullptr;
    if (it->exception == notifier)
        it->exception = nullptr;
    updateWatch(fd);
}

void EpollEventDispatcher::updateWatch(int fd) {
#ifdef Q_OS_LINUX
    const auto it = m_watched.find(fd);
    if (it == m_watched.end())
        return;
    quint32 mask = 0;
    mask |= it->read ? quint32(EPOLLIN) : 0U;
    mask |= it->write ? quint32(EPOLLOUT) : 0U;
    mask |= it->exception ? quint32(EPOLLPRI) : 0U;
    if (mask == 0) {
        m_watched.erase(it);
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        return;
    }
    epoll_event event{};
    event.events = mask;
    event.data.fd = fd;
    // A descriptor closed and reopened under the same number left the set by itself.
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT)
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
#else
    Q_UNUSED(fd);
#endif
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject* object) {
    const qint64 intervalMs = std::max<qint64>(0, interval);
    const qint64 dueNs = MonotonicClock::nowNs() + intervalMs * kNsPerMs;
    m_timers.append(Timer{timerId, intervalMs, timerType, object, dueNs});
    m_nearestDueNs = std::min(m_nearestDueNs, dueNs);
}

bool EpollEventDispatcher::unregisterTimer(int timerId) {
    const bool removed =
        m_timers.removeIf([timerId](const Timer& timer) { return timer.id == timerId; }) > 0;
    m_nearestStale = m_nearestStale || removed;
    return removed;
}

bool EpollEventDispatcher::unregisterTimers(QObject* object) {
    const bool removed =
        m_timers.removeIf([object](const Timer& timer) { return timer.object == object; }) > 0;
    m_nearestStale = m_nearestStale || removed;
    return removed;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject* object) const {
    QList<TimerInfo> timers;
    for (const Timer& timer : m_timers)
        if (timer.object == object)
            timers.append(TimerInfo(timer.id, int(timer.intervalMs), timer.type));
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId) {
    for (const Timer& timer : std::as_const(m_timers))
        if (timer.id == timerId)
            return int(std::max<qint64>(0, timer.dueNs - MonotonicClock::nowNs()) / kNsPerMs);
    return -1;
}

void EpollEventDispatcher::wakeUp() {
#ifdef Q_OS_LINUX
    // One write per sleep is enough: the flag is cleared when the eventfd is drained.
    if (m_wakePending.exchange(true, std::memory_order_acq_rel))
        return;
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof one);
#endif
}

void EpollEventDispatcher::interrupt() {
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp() {
#ifdef Q_OS_LINUX
    // Read first, then clear: a wake-up in between finds the flag still set and writes
    // nothing, but its posted event is sent at the start of the next round, before any wait.
    quint64 count = 0;
    [[maybe_unused]] const ssize_t got = ::read(m_wakeFd, &count, sizeof count);
    m_wakePending.store(false, std::memory_order_release);
#endif
}
