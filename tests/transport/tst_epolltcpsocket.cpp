// EpollTcpSocket against a loopback QTcpServer: connect (to an address and to a name),
// a request written before the connection is up, a write larger than the socket buffer,
// the arrival time of a read, the peer's close and reset, a refused connection reported
// from the event loop (never from inside connectToHost), and abort() ending all callbacks.

#include "common/monotonicclock.h"
#include "transport/epolltcpsocket.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <sys/socket.h>

namespace {
class Recorder : public EpollTcpSocket::Listener {
public:
    void onTcpConnected() override { ++connected; }
    void onTcpReceived(qint64 arrivalNs, QByteArrayView bytes) override {
        received.append(bytes);
        lastArrivalNs = arrivalNs;
    }
    void onTcpEnded(qint64, QAbstractSocket::SocketError e, const QString& message,
                    bool wasReset) override {
        ++ended;
        error = e;
        endMessage = message;
        reset = wasReset;
    }
    int connected = 0;
    int ended = 0;
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    QString endMessage;
    bool reset = false;
    QByteArray received;
    qint64 lastArrivalNs = 0;
};

// The server side of the one connection a test makes.
QTcpSocket* acceptOne(QTcpServer& server) {
    if (!server.hasPendingConnections() && !server.waitForNewConnection(10000))
        return nullptr;
    return server.nextPendingConnection();
}

// A loopback server, a reactor and a socket to be connected to the server.
struct Fixture {
    QTcpServer server;
    EpollReactor reactor;
    Recorder recorder;
    EpollTcpSocket socket{&reactor, &recorder};
    QPointer<QTcpSocket> peer;

    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    // Connects and accepts; false (with the reason in the test log) on failure.
    bool connectAndAccept() {
        if (!listen())
            return false;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
        if (!QTest::qWaitFor([&] { return recorder.connected == 1 || recorder.ended > 0; },
                             10000) ||
            recorder.connected != 1)
            return false;
        peer = acceptOne(server);
        return peer;
    }
};
} // namespace

class TestEpollTcpSocket : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesBeforeConnectAndReceives();
    void connectsToAName();
    void largeWriteDrains();
    void peerCloseAndReset_data();
    void peerCloseAndReset();
    void refusedIsReportedLater();
    void abortEndsCallbacks();
};

void TestEpollTcpSocket::writesBeforeConnectAndReceives() {
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    EpollReactor reactor;
    Recorder r;
    EpollTcpSocket socket(&reactor, &r);
    QVERIFY(socket.isIdle());
    socket.write("GET / HTTP/1.1\r\n\r\n"); // waits for the connection
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(r.connected, 1, 10000);
    QVERIFY(socket.isConnected());
    QPointer<QTcpSocket> peer = acceptOne(server);
    QVERIFY(peer);
    QTRY_COMPARE_WITH_TIMEOUT(peer->bytesAvailable(), qint64(18), 10000);
    QCOMPARE(peer->readAll(), QByteArray("GET / HTTP/1.1\r\n\r\n"));
    const qint64 before = MonotonicClock::nowNs();
    peer->write("HTTP/1.1 200 OK\r\n");
    peer->flush();
    QTRY_COMPARE_WITH_TIMEOUT(r.received, QByteArray("HTTP/1.1 200 OK\r\n"), 10000);
    QVERIFY(r.lastArrivalNs >= before);
    QVERIFY(r.lastArrivalNs <= MonotonicClock::nowNs());
    QCOMPARE(r.ended, 0);
    QCOMPARE(reactor.registered(), 1);
}

void TestEpollTcpSocket::connectsToAName() {
    // "localhost" may resolve to ::1 first: refused there, the next address is tried.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    EpollReactor reactor;
    Recorder r;
    EpollTcpSocket socket(&reactor, &r);
    socket.connectToHost(QStringLiteral("localhost"), server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(r.connected == 1 || r.ended == 1, 20000);
    QCOMPARE(r.connected, 1);
    QVERIFY(acceptOne(server));
}

void TestEpollTcpSocket::largeWriteDrains() {
    Fixture f;
    QVERIFY(f.connectAndAccept());
    EpollTcpSocket& socket = f.socket;
    const Recorder& r = f.recorder;
    QPointer<QTcpSocket> peer = f.peer;
    // Far more than a socket buffer: the rest goes out as the peer reads.
    QByteArray big(16 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i % 251);
    socket.write(big);
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += peer->readAll()).size() >= big.size(), 30000);
    QCOMPARE(got, big);
    QCOMPARE(r.ended, 0);
}

void TestEpollTcpSocket::peerCloseAndReset_data() {
    QTest::addColumn<bool>("reset");
    QTest::newRow("close") << false;
    QTest::newRow("reset") << true;
}

void TestEpollTcpSocket::peerCloseAndReset() {
    QFETCH(bool, reset);
    Fixture f;
    QVERIFY(f.connectAndAccept());
    const EpollTcpSocket& socket = f.socket;
    const EpollReactor& reactor = f.reactor;
    const Recorder& r = f.recorder;
    QTcpSocket* peer = f.peer;
    peer->write("partial");
    peer->flush();
    QTRY_COMPARE_WITH_TIMEOUT(r.received, QByteArray("partial"), 10000);
    if (reset) {
        const linger hard{1, 0}; // close now with a RST
        ::setsockopt(int(peer->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    peer->abort();
    QTRY_COMPARE_WITH_TIMEOUT(r.ended, 1, 10000);
    QCOMPARE(r.error, QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(r.reset, reset); // what the socket said: RST (ECONNRESET) or an orderly FIN
    QVERIFY(!r.endMessage.isEmpty());
    QVERIFY(!socket.isConnected());
    QCOMPARE(reactor.registered(), 0);
    QTest::qWait(20);
    QCOMPARE(r.ended, 1); // exactly once
}

void TestEpollTcpSocket::refusedIsReportedLater() {
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and is closed now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    EpollReactor reactor;
    Recorder r;
    EpollTcpSocket socket(&reactor, &r);
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QCOMPARE(r.ended, 0); // never re-entrantly, from inside connectToHost()
    QTRY_COMPARE_WITH_TIMEOUT(r.ended, 1, 10000);
    QCOMPARE(r.error, QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!r.reset);
    QCOMPARE(r.connected, 0);
    QCOMPARE(reactor.registered(), 0);
}

void TestEpollTcpSocket::abortEndsCallbacks() {
    Fixture f;
    QVERIFY(f.connectAndAccept());
    const Recorder& r = f.recorder;
    QPointer<QTcpSocket> peer = f.peer;
    f.socket.abort();
    QCOMPARE(f.reactor.registered(), 0);
    peer->write("too late");
    peer->flush();
    // The peer sees the close; the listener hears nothing more.
    QTRY_VERIFY_WITH_TIMEOUT(!peer || peer->state() != QAbstractSocket::ConnectedState ||
                                 peer->waitForDisconnected(50),
                             10000);
    QTest::qWait(50);
    QVERIFY(r.received.isEmpty());
    QCOMPARE(r.ended, 0);
}

QTEST_GUILESS_MAIN(TestEpollTcpSocket)
#include "tst_epolltcpsocket.moc"
