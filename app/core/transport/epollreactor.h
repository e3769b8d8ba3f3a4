#pragma once

#include "transport/epolleventdispatcher.h"

#include <QByteArrayView>
#include <QObject>
#include <QPointer>
#include <QVector>
#include <memory>

class QSocketNotifier;

// The network thread's own readiness loop for the direct transport's plain TCP sockets
// (Linux epoll), plugged into the thread's Qt event loop through one socket notifier on
// the epoll descriptor. Qt's dispatchers poll() every registered socket on every wake-up
// and toggle a socket's notifier on every unbuffered read: at hundreds of streams per
// thread that, not the streams, was most of the client's CPU.
//
// Reading comes before processing: every ready socket is read first, each with the clock
// read just before its recv(), into one arena, and only then are the reads handed over for
// parsing, in order. While they are being handed over, sockets that became ready meanwhile
// are read every kCollectEveryNs, and queued behind. So the arrival time of a socket in a
// burst does not include the parsing of the sockets before it, nor the next requests that
// finished ones start (docs/METRICS.md: the clock is read when the bytes arrive, not after
// parsing or batching). After the last read of a round is handed over, the reactor looks
// again only when an arrival is likely by then (the round read several sockets, or the
// recent arrival rate says so): when streams are not in lock-step a round is one read, and
// that look found nothing nearly every time, a wasted epoll_wait per event; an arrival it
// would have caught is read by the event loop's next turn instead.
// On a thread run by an EpollEventDispatcher the reactor is the thread's waiter (one
// epoll_wait per wake-up, the dispatcher's descriptor in the reactor's set); elsewhere one
// socket notifier on its descriptor wakes it. Not thread-safe: one reactor per network
// thread, used only there (it may be made on another and moved before its first add()).
class EpollReactor : public QObject, private EpollEventDispatcher::Waiter {
    Q_OBJECT
public:
    // A registered socket. Callbacks run inside the reactor's round; a handler may
    // unregister itself (or any other) from any of them.
    class Handler {
    public:
        virtual ~Handler() = default;
        // The descriptor is writable (a connect completed or failed; a send can go on).
        virtual void onWritable() = 0;
        // Bytes read for it this round, with the clock read just before they were read.
        virtual void onReceived(qint64 arrivalNs, QByteArrayView bytes) = 0;
        // recv() reported the peer's close (0) or an error (errno, e.g. ECONNRESET).
        virtual void onReadEnded(qint64 arrivalNs, int error) = 0;
    };

    explicit EpollReactor(QObject* parent = nullptr);
    ~EpollReactor() override;

    // False where epoll is unavailable (the caller then uses Qt's sockets).
    bool isValid() const { return m_epoll >= 0; }

    // Watches `fd` for reading (when `reading`) and for writability (when `writing`).
    // Returns a registration id for update() and remove(); -1 on failure.
    qint64 add(int fd, Handler* handler, bool reading, bool writing);
    bool update(qint64 id, bool reading, bool writing);
    // Stops watching; nothing more is delivered to the handler, even later in this round.
    void remove(qint64 id);

    int registered() const { return m_registered; }
    // True once it waits for its thread's EpollEventDispatcher (see above).
    bool isThreadWaiter() const { return !m_dispatcher.isNull(); }
    // Looks for ready sockets (epoll_wait) that found none, since the reactor was made.
    qint64 emptyCollects() const { return m_emptyCollects; }

    // Reads what has arrived by now (at most every kCollectEveryNs), for delivery from the
    // event loop soon after. For work on this thread that could otherwise hold arrivals
    // back (starting a request: building it, and a send() whose loopback peer's TCP work
    // runs on this very thread).
    void readArrivedNow();

private:
    struct Slot {
        Handler* handler = nullptr;
        int fd = -1;
        quint32 generation = 0;
        bool reading = false;
    };
    struct Arrival {
        qint64 id;
        qint64 arrivalNs;
        qsizetype offset;
        qsizetype length;
        int error; // with length 0: 0 = the peer closed, else errno
    };

    void onActivated();
    // On its thread, before its first socket: the thread's waiter if it can be.
    void chooseWakeUp();
    bool waitFor(int dispatcherFd, int timeoutMs) override;
    // Reads the sockets ready now (waiting up to timeoutMs for one) into the arena, and
    // reports writability. Returns false when fewer were ready than one batch holds.
    bool collect(int timeoutMs = 0);
    // Hands every queued read over, collecting again now and then on the way.
    void deliver();
    // After the round's last read was handed over: whether to look again before the event
    // loop's next turn (an arrival is likely since the last look).
    bool tailCollectPays(qint64 nowNs) const;
    void noteReads(qint64 nowNs, qsizetype reads);
    Slot* slotFor(qint64 id);
    static quint32 eventMask(bool reading, bool writing);

    int m_epoll = -1;
    QSocketNotifier* m_notifier = nullptr;
    QPointer<EpollEventDispatcher> m_dispatcher; // set when the reactor is its waiter
    bool m_wakeUpChosen = false;
    bool m_dispatcherReady = false; // its descriptor was among the last collect's
    int m_joinedDispatcherFd = -1;  // the dispatcher's descriptor, once in m_epoll
    bool m_inWait = false;
    QVector<Slot> m_slots;
    QVector<int> m_freeSlots;
    int m_registered = 0;
    std::unique_ptr<char[]> m_arena;
    qsizetype m_arenaUsed = 0;
    QVector<Arrival> m_arrivals; // read, not yet handed over (from m_next on)
    qsizetype m_next = 0;
    qint64 m_lastCollectNs = 0;
    qint64 m_emptyCollects = 0;
    // The recent arrival rate: reads counted over windows of kRateWindowNs.
    qint64 m_rateWindowStartNs = 0;
    qint64 m_rateWindowReads = 0;
    double m_readsPerNs = -1; // not known yet
    bool m_deliveryQueued = false;
};
