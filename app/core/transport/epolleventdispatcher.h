#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QList>
#include <QVarLengthArray>
#include <atomic>

// An event dispatcher for the network threads (Linux): one epoll_wait per wake-up and
// nothing else. Qt's default dispatcher on Linux is glib's main loop, whose every iteration
// prepares, polls, checks and dispatches each of its sources under the context's lock; when
// streams are not in lock-step nearly every event is a wake-up of its own, so that fixed cost
// is paid per event. Socket notifiers sit in one epoll set, timers in a short list (a network
// thread has a handful: the lag probe and one per request), posted events and wakeUp() come
// through an eventfd. Install it on a QThread before it starts (QThread::setEventDispatcher);
// NetworkPool does so for every network thread (PLATEAU_EPOLL_DISPATCHER=0: Qt's instead), where
// the thread's EpollReactor becomes its waiter (setWaiter): one epoll_wait per wake-up.
class EpollEventDispatcher : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject* parent = nullptr);
    ~EpollEventDispatcher() override;

    // What sleeps for the thread instead of the dispatcher (EpollReactor): it puts the
    // dispatcher's descriptor in its own epoll set and waits once for both, so a wake-up for
    // a socket is one epoll_wait, not the dispatcher's and then the reactor's.
    class Waiter {
    public:
        virtual ~Waiter() = default;
        // Waits up to timeoutMs (-1: no limit) for its own descriptors and `dispatcherFd`,
        // handles its own that are ready; true when `dispatcherFd` was ready.
        virtual bool waitFor(int dispatcherFd, int timeoutMs) = 0;
    };

    // False where epoll or eventfd is unavailable: do not install it then.
    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }
    // On the dispatcher's thread only; nullptr: the dispatcher waits itself again.
    void setWaiter(Waiter* waiter) { m_waiter = waiter; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier* notifier) override;
    void unregisterSocketNotifier(QSocketNotifier* notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject* object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject* object) override;
    QList<TimerInfo> registeredTimers(QObject* object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Timer {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject* object;
        qint64 dueNs;
    };
    struct Watched {
        QSocketNotifier* read = nullptr;
        QSocketNotifier* write = nullptr;
        QSocketNotifier* exception = nullptr;
    };
    struct Activation {
        QSocketNotifier* notifier;
        int fd;
    };
    using ActivationList = QVarLengthArray<Activation, 64>;

    void updateWatch(int fd);
    // The notifiers a ready descriptor wakes.
    void collect(int fd, quint32 ready, ActivationList* out) const;
    bool activate(const ActivationList& activations);
    // Milliseconds to wait for the nearest timer (-1: none), rounded up.
    int waitMs(qint64 nowNs);
    // When the first timer is due (max: no timer), found again only after timers changed:
    // at hundreds of streams (a timer each) a scan per wake-up was a cost per event.
    qint64 nearestDueNs();
    bool activateTimers();
    void drainWakeUp();

    int m_epoll = -1;
    int m_wakeFd = -1;
    Waiter* m_waiter = nullptr;
    std::atomic<bool> m_interrupted{false};
    std::atomic<bool> m_wakePending{false}; // the eventfd has been written, not yet read
    QHash<int, Watched> m_watched;          // by descriptor
    // A network thread has a few timers (its lag probe, one per request): a list will do.
    QList<Timer> m_timers;
    qint64 m_nearestDueNs;
    bool m_nearestStale = false; // a timer went or fired: m_nearestDueNs may be too early
};
