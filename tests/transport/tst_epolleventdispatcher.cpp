// EpollEventDispatcher on a thread of its own: timers (single-shot, repeating, stopped by
// another in the same round, the nearest one tracked as timers come and go), socket notifiers
// (fired on data, silent once disabled), an EpollReactor as the thread's one wait, work queued
// from another thread, deleteLater, and quit() waking a sleeping thread.

#include "transport/epolleventdispatcher.h"
#include "transport/epollreactor.h"

#include <QMutex>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <functional>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// A QThread running the dispatcher under test; run() executes code on it and waits.
class DispatcherThread {
public:
    DispatcherThread() {
        auto* dispatcher = new EpollEventDispatcher;
        valid = dispatcher->isValid();
        m_thread.setEventDispatcher(dispatcher);
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
    }
    ~DispatcherThread() { stop(); }
    // Quits the thread's loop and waits (bounded): true when it ended.
    bool stop() {
        if (!m_thread.isRunning())
            return true;
        run([this] { delete m_context; });
        m_thread.quit();
        return m_thread.wait(10000);
    }
    void run(const std::function<void()>& work) {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }
    QObject* context() const { return m_context; }
    bool isRunning() const { return m_thread.isRunning(); }
    QThread* thread() { return &m_thread; }
    bool valid = false;

private:
    QThread m_thread;
    QObject* m_context = nullptr;
};
} // namespace

class TestEpollEventDispatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void installedAndQueuedWorkRuns() {
        DispatcherThread t;
        QVERIFY(t.valid);
        QAbstractEventDispatcher* seen = nullptr;
        t.run([&seen] { seen = QAbstractEventDispatcher::instance(); });
        QVERIFY(qobject_cast<EpollEventDispatcher*>(seen) != nullptr);
        // Queued (not blocking) from this thread: the sleeping thread must be woken for it.
        std::atomic<int> ran{0};
        for (int i = 0; i < 100; ++i)
            QMetaObject::invokeMethod(
                t.context(), [&ran] { ++ran; }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 100, 10000);
    }

    void timersFireAndStop() {
        DispatcherThread t;
        std::atomic<int> single{0};
        std::atomic<int> repeating{0};
        QTimer* repeat = nullptr;
        t.run([&] {
            QTimer::singleShot(5, t.context(), [&single] { ++single; });
            repeat = new QTimer(t.context());
            repeat->setInterval(2);
            QObject::connect(repeat, &QTimer::timeout, repeat, [&repeating, &repeat] {
                if (++repeating == 3)
                    repeat->stop();
            });
            repeat->start();
        });
        QTRY_COMPARE_WITH_TIMEOUT(repeating.load(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(single.load(), 1, 10000);
        bool active = true;
        int remaining = 0;
        t.run([&] {
            active = repeat->isActive();
            remaining = repeat->remainingTime();
        });
        QVERIFY(!active);
        QCOMPARE(remaining, -1);
        QTest::qWait(30);
        QCOMPARE(repeating.load(), 3);
        QCOMPARE(single.load(), 1);
    }

    void timerStoppedByAnotherInTheSameRoundDoesNotFire() {
        DispatcherThread t;
        std::atomic<int> firstFired{0};
        std::atomic<int> secondFired{0};
        t.run([&] {
            auto* first = new QTimer(t.context());
            auto* second = new QTimer(t.context());
            for (QTimer* timer : {first, second}) {
                timer->setSingleShot(true);
                timer->setTimerType(Qt::PreciseTimer);
            }
            QObject::connect(first, &QTimer::timeout, first, [&firstFired, second] {
                ++firstFired;
                second->stop();
            });
            QObject::connect(second, &QTimer::timeout, second, [&secondFired] { ++secondFired; });
            first->start(20);
            second->start(20);
            // Both due when the thread next looks: it is kept busy past their time.
            QThread::msleep(40);
        });
        QTRY_VERIFY_WITH_TIMEOUT(firstFired.load() + secondFired.load() > 0, 10000);
        QTest::qWait(50);
        // Whichever fired first stopped (or was stopped by) the other: never both when the
        // first is the one that stops. Timers are kept in start order, so `first` runs first.
        QCOMPARE(firstFired.load(), 1);
        QCOMPARE(secondFired.load(), 0);
    }

    void theNearestTimerIsTrackedAsTimersComeAndGo() {
        // The dispatcher keeps the nearest due time instead of scanning every timer per
        // wake-up: a timer started after a later one must still fire first, and stopping
        // the nearest must not leave the thread waking for it.
        DispatcherThread t;
        std::atomic<int> soonFired{0};
        std::atomic<int> lateFired{0};
        std::atomic<int> blocks{0};
        t.run([&] {
            QObject::connect(
                QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock,
                t.context(), [&blocks] { ++blocks; }, Qt::DirectConnection);
            auto* late = new QTimer(t.context());
            late->setSingleShot(true);
            QObject::connect(late, &QTimer::timeout, late, [&lateFired] { ++lateFired; });
            late->start(5000);
            QTimer::singleShot(10, t.context(), [&soonFired] { ++soonFired; });
        });
        QTRY_COMPARE_WITH_TIMEOUT(soonFired.load(), 1, 4000);
        QCOMPARE(lateFired.load(), 0);
        t.run([&] {
            auto* gone = new QTimer(t.context());
            gone->start(20);
            gone->stop();
        });
        const int before = blocks.load();
        QTest::qWait(200);
        // Asleep until the 5 s timer: at most a few wake-ups (the stopped timer's, if any).
        QVERIFY2(blocks.load() - before < 20, qPrintable(QString::number(blocks.load() - before)));
        QCOMPARE(lateFired.load(), 0);
    }

    void socketNotifierFiresAndStopsWhenDisabled() {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        DispatcherThread t;
        std::atomic<int> activations{0};
        QSocketNotifier* notifier = nullptr;
        t.run([&] {
            notifier = new QSocketNotifier(fds[0], QSocketNotifier::Read, t.context());
            QObject::connect(notifier, &QSocketNotifier::activated, notifier, [&, fd = fds[0]] {
                char buffer[64];
                while (::read(fd, buffer, sizeof buffer) > 0) {
                }
                ++activations;
            });
        });
        QCOMPARE(::write(fds[1], "x", 1), 1);
        QTRY_COMPARE_WITH_TIMEOUT(activations.load(), 1, 10000);
        QCOMPARE(::write(fds[1], "y", 1), 1);
        QTRY_COMPARE_WITH_TIMEOUT(activations.load(), 2, 10000);
        t.run([&] { notifier->setEnabled(false); });
        QCOMPARE(::write(fds[1], "z", 1), 1);
        QTest::qWait(50);
        QCOMPARE(activations.load(), 2);
        t.run([&] { notifier->setEnabled(true); }); // "z" is still unread
        QTRY_COMPARE_WITH_TIMEOUT(activations.load(), 3, 10000);
        t.run([&] { delete notifier; });
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void aReactorIsTheThreadsOneWait() {
        // A network thread's EpollReactor waits for the thread (one epoll_wait per wake-up,
        // the dispatcher's descriptor in its set): its sockets, queued work and timers all
        // wake it; once it is gone the dispatcher waits itself again.
        struct Recorder : EpollReactor::Handler {
            void onWritable() override {}
            void onReceived(qint64, QByteArrayView bytes) override {
                QMutexLocker lock(&mutex);
                received.append(bytes);
            }
            void onReadEnded(qint64, int) override {}
            QByteArray take() {
                QMutexLocker lock(&mutex);
                return received;
            }
            QMutex mutex;
            QByteArray received;
        } recorder;
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        DispatcherThread t;
        EpollReactor* reactor = nullptr;
        bool waiter = false;
        t.run([&] {
            reactor = new EpollReactor(t.context());
            QVERIFY(reactor->add(fds[0], &recorder, true, false) >= 0);
            waiter = reactor->isThreadWaiter();
        });
        QVERIFY(waiter);
        QCOMPARE(::write(fds[1], "hello", 5), 5);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.take(), QByteArray("hello"), 10000);
        std::atomic<int> ran{0};
        QMetaObject::invokeMethod(
            t.context(), [&ran] { ++ran; }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 1, 10000);
        std::atomic<int> fired{0};
        t.run([&] { QTimer::singleShot(5, t.context(), [&fired] { ++fired; }); });
        QTRY_COMPARE_WITH_TIMEOUT(fired.load(), 1, 10000);
        QCOMPARE(::write(fds[1], " again", 6), 6);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.take(), QByteArray("hello again"), 10000);
        t.run([&] { delete reactor; });
        QMetaObject::invokeMethod(
            t.context(), [&ran] { ++ran; }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 2, 10000);
        QVERIFY(t.stop());
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void deleteLaterAndQuit() {
        DispatcherThread t;
        std::atomic<bool> gone{false};
        t.run([&] {
            auto* doomed = new QObject;
            QObject::connect(doomed, &QObject::destroyed, [&gone] { gone = true; });
            doomed->deleteLater();
        });
        QTRY_VERIFY_WITH_TIMEOUT(gone.load(), 10000);
        // quit() reaches a thread asleep with no timer at all.
        QTest::qWait(20);
        QVERIFY(t.stop());
        QVERIFY(!t.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestEpollEventDispatcher)
#include "tst_epolleventdispatcher.moc"
