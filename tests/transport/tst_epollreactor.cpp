// EpollReactor: every byte delivered once, in order per socket, with an arrival time read
// before the bytes were taken; removal inside a round; more ready bytes than the arena
// holds; the peer's close; no empty look after a round of one read, a look that finds the
// rest of a burst before the event loop turns.

#include "common/monotonicclock.h"
#include "transport/epollreactor.h"

#include <QTest>
#include <sys/socket.h>
#include <unistd.h>

namespace {
struct Pair {
    int ours = -1;   // registered with the reactor
    int theirs = -1; // the test writes here
    Pair() {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0) {
            ours = fds[0];
            theirs = fds[1];
        }
    }
    ~Pair() {
        closeTheirs();
        if (ours >= 0)
            ::close(ours);
    }
    void closeTheirs() {
        if (theirs >= 0)
            ::close(theirs);
        theirs = -1;
    }
    Pair(const Pair&) = delete;
    Pair& operator=(const Pair&) = delete;
};

// Writes all of `bytes`, waiting while the socket buffer is full.
void writeAll(int fd, const QByteArray& bytes) {
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.constData() + done, size_t(bytes.size() - done), 0);
        if (n > 0)
            done += n;
        else
            QTest::qWait(1);
    }
}

class Recorder : public EpollReactor::Handler {
public:
    void onWritable() override { ++writable; }
    void onReceived(qint64 arrivalNs, QByteArrayView bytes) override {
        arrivals.append(arrivalNs);
        received.append(bytes);
        if (onData)
            onData();
    }
    void onReadEnded(qint64 arrivalNs, int error) override {
        endedNs = arrivalNs;
        endError = error;
        ended = true;
    }
    QByteArray received;
    QList<qint64> arrivals;
    int writable = 0;
    bool ended = false;
    int endError = -1;
    qint64 endedNs = 0;
    std::function<void()> onData;
};

// Stands for a slow hand-over (parsing, a request's end): longer than the reactor waits
// before it looks for more ready sockets while handing reads over.
void spinUs(qint64 us) {
    const qint64 until = MonotonicClock::nowNs() + us * 1000;
    while (MonotonicClock::nowNs() < until) {
    }
}

QByteArray pattern(int seed, qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (seed + i * 7) % 26);
    return bytes;
}
} // namespace

class TestEpollReactor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversWithArrivalTimes();
    void removalInsideARoundDropsTheRest();
    void moreThanTheArenaHolds();
    void peerCloseEndsTheRead();
    void writabilityIsReportedWhenAsked();
    void aLoneReadIsNotFollowedByAnEmptyLook();
    void aBurstIsReadToItsEndBeforeTheLoopTurns();
};

void TestEpollReactor::deliversWithArrivalTimes() {
    EpollReactor reactor;
    QVERIFY(reactor.isValid());
    Pair a, b;
    Recorder ra, rb;
    QVERIFY(reactor.add(a.ours, &ra, true, false) >= 0);
    QVERIFY(reactor.add(b.ours, &rb, true, false) >= 0);
    QCOMPARE(reactor.registered(), 2);
    QVERIFY(!reactor.isThreadWaiter()); // Qt's own dispatcher: a socket notifier wakes it
    const qint64 before = MonotonicClock::nowNs();
    writeAll(a.theirs, "first");
    writeAll(b.theirs, "second");
    QTRY_VERIFY_WITH_TIMEOUT(ra.received == "first" && rb.received == "second", 10000);
    const qint64 after = MonotonicClock::nowNs();
    // The clock was read after the bytes were written and before they were handed over.
    for (qint64 t : ra.arrivals + rb.arrivals) {
        QVERIFY(t >= before);
        QVERIFY(t <= after);
    }
    writeAll(a.theirs, " more");
    QTRY_COMPARE_WITH_TIMEOUT(ra.received, QByteArray("first more"), 10000);
    QVERIFY(ra.arrivals.last() >= ra.arrivals.first());
}

void TestEpollReactor::removalInsideARoundDropsTheRest() {
    EpollReactor reactor;
    Pair a, b;
    Recorder ra, rb;
    const qint64 ida = reactor.add(a.ours, &ra, true, false);
    const qint64 idb = reactor.add(b.ours, &rb, true, false);
    QVERIFY(ida >= 0 && idb >= 0);
    // Whichever is delivered first removes the other: the other's bytes, read in the
    // same round, must not reach it.
    ra.onData = [&] { reactor.remove(idb); };
    rb.onData = [&] { reactor.remove(ida); };
    writeAll(a.theirs, "x");
    writeAll(b.theirs, "y");
    QTest::qWait(1); // both are ready before the loop runs again
    QTRY_VERIFY_WITH_TIMEOUT(!ra.received.isEmpty() || !rb.received.isEmpty(), 10000);
    QTest::qWait(50);
    QCOMPARE(int(ra.received.size() + rb.received.size()), 1);
    QCOMPARE(reactor.registered(), 1);
    // A slot freed in a round is reused with a new generation: the old id is dead.
    Pair c;
    Recorder rc;
    const qint64 idc = reactor.add(c.ours, &rc, true, false);
    QVERIFY(idc != ida && idc != idb);
    QVERIFY(!reactor.update(ra.received.isEmpty() ? ida : idb, true, false));
}

void TestEpollReactor::moreThanTheArenaHolds() {
    // 24 sockets with 96 KiB each: over 2 MiB ready at once, twice the arena.
    EpollReactor reactor;
    constexpr int kSockets = 24;
    constexpr qsizetype kBytes = 96 * 1024;
    std::vector<std::unique_ptr<Pair>> pairs;
    std::vector<std::unique_ptr<Recorder>> recorders;
    for (int i = 0; i < kSockets; ++i) {
        pairs.push_back(std::make_unique<Pair>());
        recorders.push_back(std::make_unique<Recorder>());
        int size = 256 * 1024;
        ::setsockopt(pairs.back()->theirs, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        QVERIFY(reactor.add(pairs.back()->ours, recorders.back().get(), true, false) >= 0);
    }
    for (int i = 0; i < kSockets; ++i)
        writeAll(pairs[size_t(i)]->theirs, pattern(i, kBytes));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(recorders.begin(), recorders.end(),
                    [](const auto& r) { return r->received.size() == kBytes; }),
        20000);
    for (int i = 0; i < kSockets; ++i)
        QCOMPARE(recorders[size_t(i)]->received, pattern(i, kBytes));
}

void TestEpollReactor::peerCloseEndsTheRead() {
    EpollReactor reactor;
    Pair a;
    Recorder ra;
    QVERIFY(reactor.add(a.ours, &ra, true, false) >= 0);
    writeAll(a.theirs, "last words");
    a.closeTheirs();
    QTRY_VERIFY_WITH_TIMEOUT(ra.ended, 10000);
    QCOMPARE(ra.received, QByteArray("last words")); // the data first, then the end
    QCOMPARE(ra.endError, 0);
    QVERIFY(ra.endedNs >= ra.arrivals.last());
}

void TestEpollReactor::writabilityIsReportedWhenAsked() {
    EpollReactor reactor;
    Pair a;
    Recorder ra;
    const qint64 id = reactor.add(a.ours, &ra, false, true);
    QTRY_VERIFY_WITH_TIMEOUT(ra.writable > 0, 10000);
    QVERIFY(reactor.update(id, true, false));
    const int seen = ra.writable;
    writeAll(a.theirs, "z");
    QTRY_COMPARE_WITH_TIMEOUT(ra.received, QByteArray("z"), 10000);
    QCOMPARE(ra.writable, seen); // no longer asked for
    reactor.remove(id);
    QCOMPARE(reactor.registered(), 0);
}

void TestEpollReactor::aLoneReadIsNotFollowedByAnEmptyLook() {
    // Streams not in lock-step: every round is one read. Looking again after its (slow)
    // hand-over found nothing every time: an epoll_wait per event for nothing.
    EpollReactor reactor;
    Pair a;
    Recorder ra;
    QVERIFY(reactor.add(a.ours, &ra, true, false) >= 0);
    QByteArray expected;
    const auto sendAndWait = [&](int i) {
        const QByteArray piece = "event " + QByteArray::number(i) + '\n';
        expected += piece;
        writeAll(a.theirs, piece);
        QTRY_COMPARE_WITH_TIMEOUT(ra.received, expected, 10000);
    };
    // Two reads further apart than the reactor's rate window: it knows arrivals are rare.
    sendAndWait(0);
    QTest::qWait(150);
    sendAndWait(1);
    ra.onData = [] { spinUs(300); };
    const qint64 emptyBefore = reactor.emptyCollects();
    for (int i = 2; i < 7; ++i)
        sendAndWait(i);
    QCOMPARE(ra.arrivals.size(), 7);
    QCOMPARE(reactor.emptyCollects() - emptyBefore, 0);
}

void TestEpollReactor::aBurstIsReadToItsEndBeforeTheLoopTurns() {
    // Two sockets ready at once (a burst, as lock-step streams send), a third becoming ready
    // while the first is handed over: it is read in the same round, before the event loop
    // turns, so its arrival time does not wait for the loop.
    EpollReactor reactor;
    Pair a, b, c;
    Recorder ra, rb, rc;
    bool loopTurned = false;
    bool started = false;
    const auto slowFirst = [&] {
        if (started)
            return;
        started = true;
        QMetaObject::invokeMethod(
            &reactor, [&] { loopTurned = true; }, Qt::QueuedConnection);
        writeAll(c.theirs, "late");
        spinUs(200);
    };
    ra.onData = slowFirst;
    rb.onData = slowFirst;
    bool readBeforeTheTurn = false;
    rc.onData = [&] { readBeforeTheTurn = !loopTurned; };
    QVERIFY(reactor.add(a.ours, &ra, true, false) >= 0);
    QVERIFY(reactor.add(b.ours, &rb, true, false) >= 0);
    QVERIFY(reactor.add(c.ours, &rc, true, false) >= 0);
    writeAll(a.theirs, "x");
    writeAll(b.theirs, "y");
    QTRY_COMPARE_WITH_TIMEOUT(rc.received, QByteArray("late"), 10000);
    QVERIFY(readBeforeTheTurn);
    QCOMPARE(ra.received, QByteArray("x"));
    QCOMPARE(rb.received, QByteArray("y"));
}

QTEST_GUILESS_MAIN(TestEpollReactor)
#include "tst_epollreactor.moc"
