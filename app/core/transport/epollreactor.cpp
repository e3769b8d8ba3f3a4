#include "transport/epollreactor.h"

#include "common/monotonicclock.h"

#include <QSocketNotifier>
#include <QThread>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {
constexpr int kBatch = 256;                    // events taken per epoll_wait
constexpr int kRoundsPerActivation = 8;        // then the Qt loop gets a turn
constexpr qsizetype kReadChunk = 64 * 1024;    // at most per recv()
constexpr qsizetype kArenaBytes = 1024 * 1024; // bytes read before they are delivered
// While reads are handed over for parsing, sockets that became ready meanwhile are read
// this often: the bound on how much processing can delay an arrival's timestamp.
constexpr qint64 kCollectEveryNs = 50000;
// The arrival rate that decides the look after a round's last hand-over is measured over
// this long; the look is made when at least kTailArrivalsExpected arrivals are due by then.
constexpr qint64 kRateWindowNs = 100 * 1000 * 1000;
constexpr double kTailArrivalsExpected = 0.5;
constexpr quint64 kIndexMask = 0xffffffffULL;
constexpr quint64 kDispatcherTag = ~0ULL; // the thread's EpollEventDispatcher's descriptor
} // namespace

EpollReactor::EpollReactor(QObject* parent)
    : QObject(parent) {
#ifdef Q_OS_LINUX
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        return;
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EpollReactor::onActivated);
    m_arena = std::make_unique<char[]>(size_t(kArenaBytes));
    m_arrivals.reserve(kBatch);
#endif
}

EpollReactor::~EpollReactor() {
    if (m_dispatcher)
        m_dispatcher->setWaiter(nullptr);
    delete m_notifier; // before the descriptor it watches goes
#ifdef Q_OS_LINUX
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

quint32 EpollReactor::eventMask(bool reading, bool writing) {
#ifdef Q_OS_LINUX
    return (reading ? quint32(EPOLLIN | EPOLLRDHUP) : 0U) | (writing ? quint32(EPOLLOUT) : 0U);
#else
    Q_UNUSED(reading);
    Q_UNUSED(writing);
    return 0;
#endif
}

qint64 EpollReactor::add(int fd, Handler* handler, bool reading, bool writing) {
#ifdef Q_OS_LINUX
    if (m_epoll < 0 || fd < 0 || !handler)
        return -1;
    chooseWakeUp();
    int index;
    if (!m_freeSlots.isEmpty()) {
        index = m_freeSlots.takeLast();
    } else {
        index = int(m_slots.size());
        m_slots.append(Slot{});
    }
    Slot& slot = m_slots[index];
    const qint64 id = qint64((quint64(slot.generation) << 32) | quint64(index));
    epoll_event event{};
    event.events = eventMask(reading, writing);
    event.data.u64 = quint64(id);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
        m_freeSlots.append(index);
        return -1;
    }
    slot.handler = handler;
    slot.fd = fd;
    slot.reading = reading;
    ++m_registered;
    return id;
#else
    Q_UNUSED(fd);
    Q_UNUSED(handler);
    Q_UNUSED(reading);
    Q_UNUSED(writing);
    return -1;
#endif
}

bool EpollReactor::update(qint64 id, bool reading, bool writing) {
#ifdef Q_OS_LINUX
    Slot* slot = slotFor(id);
    if (!slot)
        return false;
    epoll_event event{};
    event.events = eventMask(reading, writing);
    event.data.u64 = quint64(id);
    slot->reading = reading;
    return epoll_ctl(m_epoll, EPOLL_CTL_MOD, slot->fd, &event) == 0;
#else
    Q_UNUSED(id);
    Q_UNUSED(reading);
    Q_UNUSED(writing);
    return false;
#endif
}

void EpollReactor::remove(qint64 id) {
#ifdef Q_OS_LINUX
    Slot* slot = slotFor(id);
    if (!slot)
        return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, slot->fd, nullptr);
    // A new generation: events and arrivals still queued for the old id are dropped.
    slot->handler = nullptr;
    slot->fd = -1;
    slot->reading = false;
    ++slot->generation;
    m_freeSlots.append(int(quint64(id) & kIndexMask));
    --m_registered;
#else
    Q_UNUSED(id);
#endif
}

EpollReactor::Slot* EpollReactor::slotFor(qint64 id) {
    const quint64 index = quint64(id) & kIndexMask;
    if (id < 0 || index >= quint64(m_slots.size()))
        return nullptr;
    Slot& slot = m_slots[qsizetype(index)];
    if (!slot.handler || slot.generation != quint32(quint64(id) >> 32))
        return nullptr;
    return &slot;
}

void EpollReactor::chooseWakeUp() {
#ifdef Q_OS_LINUX
    if (m_wakeUpChosen)
        return;
    m_wakeUpChosen = true;
    auto* dispatcher = qobject_cast<EpollEventDispatcher*>(QAbstractEventDispatcher::instance());
    if (!dispatcher || !dispatcher->isValid() || thread() != QThread::currentThread())
        return;
    // The dispatcher's descriptor joins this set when it first waits (waitFor), level-
    // triggered: a posted event or a socket notifier of its own wakes this wait too.
    delete m_notifier;
    m_notifier = nullptr;
    m_dispatcher = dispatcher;
    dispatcher->setWaiter(this);
#endif
}

bool EpollReactor::waitFor(int dispatcherFd, int timeoutMs) {
#ifdef Q_OS_LINUX
    if (m_inWait) {
        // A nested event loop inside a hand-over: the outer round still owns the arena, so
        // only the dispatcher's own work is waited for here.
        pollfd own{dispatcherFd, POLLIN, 0};
        ::poll(&own, 1, timeoutMs);
        return true;
    }
    if (m_joinedDispatcherFd != dispatcherFd) {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = kDispatcherTag;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, dispatcherFd, &event);
        m_joinedDispatcherFd = dispatcherFd;
    }
    m_inWait = true;
    m_dispatcherReady = false;
    bool more = collect(timeoutMs);
    bool dispatcherReady = m_dispatcherReady;
    deliver();
    for (int round = 1; more && round < kRoundsPerActivation; ++round) {
        more = collect();
        dispatcherReady = dispatcherReady || m_dispatcherReady;
        deliver();
    }
    m_inWait = false;
    return dispatcherReady || more;
#else
    Q_UNUSED(dispatcherFd);
    Q_UNUSED(timeoutMs);
    return true;
#endif
}

void EpollReactor::onActivated() {
    for (int round = 0; round < kRoundsPerActivation; ++round) {
        const bool more = collect();
        deliver();
        if (!more)
            return;
    }
}

bool EpollReactor::collect(int timeoutMs) {
#ifdef Q_OS_LINUX
    m_lastCollectNs = MonotonicClock::nowNs();
    epoll_event events[kBatch];
    const int n = epoll_wait(m_epoll, events, kBatch, timeoutMs);
    if (timeoutMs != 0) // it slept: the look starts now
        m_lastCollectNs = MonotonicClock::nowNs();
    if (n <= 0) {
        ++m_emptyCollects;
        return false;
    }
    const qsizetype readsBefore = m_arrivals.size();
    for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == kDispatcherTag) {
            m_dispatcherReady = true;
            continue;
        }
        const qint64 id = qint64(events[i].data.u64);
        const quint32 ready = events[i].events;
        Slot* slot = slotFor(id);
        if (!slot)
            continue;
        // Writability first: it is how a connect completes, and a connected socket starts
        // reading only then. An error on a socket not yet reading is a failed connect.
        if ((ready & EPOLLOUT) || (!slot->reading && (ready & (EPOLLERR | EPOLLHUP)))) {
            slot->handler->onWritable();
            slot = slotFor(id); // the handler may have gone
            if (!slot)
                continue;
        }
        if (!slot->reading || !(ready & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)))
            continue;
        // A full arena: the rest stay ready (level-triggered) for the next collect.
        if (kArenaBytes - m_arenaUsed < kReadChunk)
            return true;
        // The arrival time: read immediately before the bytes are taken from the kernel.
        const qint64 arrivalNs = MonotonicClock::nowNs();
        const ssize_t got =
            ::recv(slot->fd, m_arena.get() + m_arenaUsed, size_t(kReadChunk), MSG_DONTWAIT);
        if (got > 0) {
            m_arrivals.append(Arrival{id, arrivalNs, m_arenaUsed, qsizetype(got), 0});
            m_arenaUsed += qsizetype(got);
        } else if (got == 0) {
            m_arrivals.append(Arrival{id, arrivalNs, 0, 0, 0});
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            m_arrivals.append(Arrival{id, arrivalNs, 0, 0, errno});
        }
        // One recv per socket per collect keeps the reads of a burst close together; a
        // socket holding more comes back in the next one.
    }
    noteReads(m_lastCollectNs, m_arrivals.size() - readsBefore);
    return n == kBatch;
#else
    return false;
#endif
}

void EpollReactor::readArrivedNow() {
    if (m_epoll < 0 || MonotonicClock::nowNs() - m_lastCollectNs <= kCollectEveryNs)
        return;
    collect();
    // The sockets just read are no longer ready: the notifier will not call for these.
    if (m_next < m_arrivals.size() && !m_deliveryQueued) {
        m_deliveryQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_deliveryQueued = false;
                deliver();
            },
            Qt::QueuedConnection);
    }
}

void EpollReactor::deliver() {
    // By index: collect() appends while we go (the arena only grows until all is handed
    // over, so earlier views stay valid).
    while (m_next < m_arrivals.size()) {
        const Arrival a = m_arrivals.at(m_next++);
        if (Slot* slot = slotFor(a.id)) { // else removed since it was read
            if (a.length > 0)
                slot->handler->onReceived(a.arrivalNs,
                                          QByteArrayView(m_arena.get() + a.offset, a.length));
            else
                slot->handler->onReadEnded(a.arrivalNs, a.error);
        }
        const qint64 now = MonotonicClock::nowNs();
        if (now - m_lastCollectNs > kCollectEveryNs &&
            (m_next < m_arrivals.size() || tailCollectPays(now)))
            collect();
    }
    m_arrivals.clear(); // keeps its capacity
    m_next = 0;
    m_arenaUsed = 0;
}

bool EpollReactor::tailCollectPays(qint64 nowNs) const {
    // Several reads this round: a burst is under way (lock-step streams), more are coming.
    // Rate not known yet (the first window): look, as for a burst.
    if (m_arrivals.size() > 1 || m_readsPerNs < 0)
        return true;
    return m_readsPerNs * double(nowNs - m_lastCollectNs) >= kTailArrivalsExpected;
}

void EpollReactor::noteReads(qint64 nowNs, qsizetype reads) {
    if (m_rateWindowStartNs == 0)
        m_rateWindowStartNs = nowNs; // the first window starts at the first read
    m_rateWindowReads += reads;
    const qint64 span = nowNs - m_rateWindowStartNs;
    if (span < kRateWindowNs)
        return;
    m_readsPerNs = double(m_rateWindowReads) / double(span);
    m_rateWindowStartNs = nowNs;
    m_rateWindowReads = 0;
}
