// The transport interface itself (RequestTransport), both implementations against loopback
// servers: status and head, streamed chunks with their arrival timestamps, a deadline
// (RequestDeadlines) followed by close(), a refused connection, a failed TLS check. Each
// case runs on Qt's stack (QtRequestTransport) and on the direct client
// (DirectRequestTransport) and expects the same callbacks.

#include "common/monotonicclock.h"
#include "profile/endpointconfig.h"
#include "scriptedserver.h"
#include "transport/directrequesttransport.h"
#include "transport/httpconnectionpool.h"
#include "transport/qtrequesttransport.h"
#include "transport/requestdeadlines.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {
constexpr qint64 kMs = 1000000;

// Every callback, as it came.
class RecordingListener : public RequestTransportListener {
public:
    struct Arrival {
        qint64 nowNs;
        qint64 seenNs; // the clock when the callback ran: never before nowNs
        QByteArray bytes;
    };
    int connected = 0;
    int heads = 0;
    int status = 0;
    QByteArray contentType;
    QByteArray requestId;
    QList<Arrival> body;
    int ends = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString message;
    int tlsErrors = 0;

    QByteArray allBytes() const {
        QByteArray all;
        for (const Arrival& arrival : body)
            all += arrival.bytes;
        return all;
    }
    // The arrival time of the first read that contained `needle`, or -1.
    qint64 arrivalOf(const QByteArray& needle) const {
        QByteArray soFar;
        for (const Arrival& arrival : body) {
            soFar += arrival.bytes;
            if (soFar.contains(needle))
                return arrival.nowNs;
        }
        return -1;
    }

    void onTransportConnected() override { ++connected; }
    void onTransportHead(qint64 nowNs, int code, const QByteArray& type,
                         const QByteArray& id) override {
        Q_UNUSED(nowNs)
        ++heads;
        status = code;
        contentType = type;
        requestId = id;
    }
    void onTransportBody(QByteArrayView bytes, qint64 nowNs) override {
        // Kept: copied, since the bytes are the transport's read buffer.
        body.append({nowNs, MonotonicClock::nowNs(), bytes.toByteArray()});
    }
    void onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError code,
                        const QString& text) override {
        Q_UNUSED(nowNs)
        ++ends;
        error = code;
        message = text;
    }
    void onTransportTlsErrors(const QList<QSslError>& errors) override {
        tlsErrors += int(errors.size());
    }
};

TransportRequest requestTo(const QString& url) {
    TransportRequest request;
    request.request = QNetworkRequest(QUrl(url));
    request.request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.body = "{}";
    return request;
}
} // namespace

class TestRequestTransport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void deadlinesFollowTheRequest();
    void statusAndStreamedChunks();
    void deadlineThenCloseEndsTheCallbacks();
    void refusedConnection();
    void failedTlsCheck();

private:
    bool direct() const {
        QFETCH_GLOBAL(bool, direct);
        return direct;
    }
    std::unique_ptr<RequestTransport> makeTransport() {
        if (direct())
            return std::make_unique<DirectRequestTransport>(&m_pool);
        return std::make_unique<QtRequestTransport>(&m_manager);
    }

    QNetworkAccessManager m_manager;
    HttpConnectionPool m_pool;
};

void TestRequestTransport::initTestCase_data() {
    QTest::addColumn<bool>("direct");
    QTest::newRow("qt") << false;
    QTest::newRow("direct") << true;
}

void TestRequestTransport::initTestCase() {
    m_manager.setProxy(QNetworkProxy::NoProxy);
}

// The pure part of the lifecycle: which deadline is next and which has passed.
void TestRequestTransport::deadlinesFollowTheRequest() {
    EndpointConfig endpoint;
    endpoint.connectTimeoutS = 1.0;
    endpoint.firstTokenTimeoutS = 2.0;
    endpoint.idleTimeoutS = 0.5;
    endpoint.totalTimeoutS = 10.0;
    const RequestDeadlines deadlines(endpoint);
    using Kind = RequestDeadlines::Kind;
    const qint64 send = 1000 * kMs;
    RequestDeadlines::Progress progress;
    progress.sendNs = send;
    QCOMPARE(deadlines.next(progress), send + 1000 * kMs); // connect first
    QCOMPARE(deadlines.expired(progress, send + 999 * kMs), Kind::None);
    QCOMPARE(deadlines.expired(progress, send + 1000 * kMs), Kind::Connect);
    progress.connected = true;
    QCOMPARE(deadlines.next(progress), send + 2000 * kMs); // then the first token
    QCOMPARE(deadlines.expired(progress, send + 2000 * kMs), Kind::FirstToken);
    progress.sawContent = true;
    progress.lastActivityNs = send + 1900 * kMs;
    QCOMPARE(deadlines.next(progress), send + 2400 * kMs); // then idle, from the last arrival
    QCOMPARE(deadlines.expired(progress, send + 2300 * kMs), Kind::None);
    QCOMPARE(deadlines.expired(progress, send + 2400 * kMs), Kind::Idle);
    progress.lastActivityNs = send + 9800 * kMs;
    QCOMPARE(deadlines.next(progress), send + 10000 * kMs); // total caps everything
    QCOMPARE(deadlines.expired(progress, send + 10000 * kMs), Kind::Total);
    QCOMPARE(deadlines.seconds(Kind::Idle), 0.5);
    QCOMPARE(RequestDeadlines::waitMs(send + kMs + 1, send), 2); // rounded up
    EndpointConfig none;
    none.connectTimeoutS = none.firstTokenTimeoutS = none.idleTimeoutS = none.totalTimeoutS = 0;
    QCOMPARE(RequestDeadlines(none).next(progress), qint64(-1)); // <= 0 disables
    QCOMPARE(RequestDeadlines(none).expired(progress, send * 100), Kind::None);
}

void TestRequestTransport::statusAndStreamedChunks() {
    using S = ScriptedServer;
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            "X-Request-Id: req-7\r\nTransfer-Encoding: chunked\r\n\r\n";
    server.setScript({{0, head + S::content(QStringLiteral("first"))},
                      {150, S::content(QStringLiteral("second"))},
                      {150, S::done() + S::lastChunk()}},
                     true);
    RecordingListener listener;
    auto transport = makeTransport();
    const qint64 startNs = MonotonicClock::nowNs();
    transport->start(requestTo(QStringLiteral("http://127.0.0.1:%1/v1").arg(server.port())),
                     &listener);
    QTRY_COMPARE_WITH_TIMEOUT(listener.ends, 1, 10000);
    QCOMPARE(listener.error, QNetworkReply::NoError);
    QCOMPARE(listener.connected, 1);
    QCOMPARE(listener.heads, 1);
    QCOMPARE(listener.status, 200);
    QCOMPARE(listener.contentType, QByteArray("text/event-stream"));
    QCOMPARE(listener.requestId, QByteArray("req-7"));
    const QByteArray all = listener.allBytes(); // the body, de-chunked
    QVERIFY2(all.contains("first") && all.contains("second") && all.contains("[DONE]"),
             all.constData());
    QVERIFY(!all.contains("HTTP/1.1"));
    // Timestamps: in order, taken before the callback, and the second chunk (written 150 ms
    // after the first, which follows the request) cannot have arrived earlier than that.
    qint64 previous = startNs;
    for (const auto& arrival : listener.body) {
        QVERIFY(arrival.nowNs >= previous);
        QVERIFY(arrival.nowNs <= arrival.seenNs);
        previous = arrival.nowNs;
    }
    QVERIFY(listener.body.size() >= 2); // streamed, not delivered at the end
    QVERIFY(listener.arrivalOf("second") >= startNs + 150 * kMs);
    QVERIFY(listener.arrivalOf("[DONE]") >= startNs + 300 * kMs);
    QCOMPARE(server.lastRequestBody(), QByteArray("{}"));
    QVERIFY(server.lastRequestHead().startsWith("POST /v1 HTTP/1.1"));
    transport->close();
}

// A server that never answers: the first-token deadline passes, close() ends the request
// and nothing more is heard of it.
void TestRequestTransport::deadlineThenCloseEndsTheCallbacks() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({}, false); // reads the request, says nothing, keeps the connection
    EndpointConfig endpoint;
    endpoint.firstTokenTimeoutS = 0.2;
    const RequestDeadlines deadlines(endpoint);
    RecordingListener listener;
    auto transport = makeTransport();
    RequestDeadlines::Progress progress;
    progress.sendNs = MonotonicClock::nowNs();
    transport->start(requestTo(QStringLiteral("http://127.0.0.1:%1/v1").arg(server.port())),
                     &listener);
    QTimer timer;
    timer.setSingleShot(true);
    RequestDeadlines::Kind expired = RequestDeadlines::Kind::None;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        progress.connected = listener.connected > 0;
        expired = deadlines.expired(progress, MonotonicClock::nowNs());
        if (expired != RequestDeadlines::Kind::None)
            transport->close();
        else
            timer.start(
                RequestDeadlines::waitMs(deadlines.next(progress), MonotonicClock::nowNs()));
    });
    timer.start(RequestDeadlines::waitMs(deadlines.next(progress), progress.sendNs));
    QTRY_VERIFY_WITH_TIMEOUT(expired != RequestDeadlines::Kind::None, 10000);
    QCOMPARE(expired, RequestDeadlines::Kind::FirstToken);
    QCOMPARE(listener.connected, 1);                                 // the request was on the wire
    QTRY_COMPARE_WITH_TIMEOUT(server.clientDisconnects(), 1, 10000); // the server saw the close
    QTest::qWait(100);
    QCOMPARE(listener.heads, 0);
    QCOMPARE(listener.ends, 0); // close() means no callback, not even the end
}

void TestRequestTransport::refusedConnection() {
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago, now closed
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    RecordingListener listener;
    auto transport = makeTransport();
    transport->start(requestTo(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)), &listener);
    QTRY_COMPARE_WITH_TIMEOUT(listener.ends, 1, 10000);
    QCOMPARE(listener.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(listener.connected, 0);
    QCOMPARE(listener.heads, 0);
    QVERIFY(!listener.message.isEmpty());
}

// The test certificate is self-signed: with verification on, the handshake fails the same
// way on both transports; with the endpoint's opt-out, the request goes through.
void TestRequestTransport::failedTlsCheck() {
    using S = ScriptedServer;
    for (const bool verify : {true, false}) {
        ScriptedServer server;
        QVERIFY(server.useTls(QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.crt"),
                              QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.key")));
        QVERIFY(server.listen());
        server.setScript({{0, S::head() + S::done() + S::lastChunk()}}, true);
        RecordingListener listener;
        auto transport = makeTransport();
        TransportRequest request =
            requestTo(QStringLiteral("https://127.0.0.1:%1/v1").arg(server.port()));
        request.verifyTls = verify;
        transport->start(request, &listener);
        QTRY_COMPARE_WITH_TIMEOUT(listener.ends, 1, 10000);
        if (verify) {
            QCOMPARE(listener.error, QNetworkReply::SslHandshakeFailedError);
            QCOMPARE(listener.heads, 0);
            QCOMPARE(server.requestsSeen(), 0); // nothing of the request was sent
            if (!direct())
                QVERIFY(listener.tlsErrors > 0); // Qt's stack names the failed checks
        } else {
            QCOMPARE(listener.error, QNetworkReply::NoError);
            QCOMPARE(listener.status, 200);
        }
        transport->close();
    }
}

QTEST_MAIN(TestRequestTransport)
#include "tst_requesttransport.moc"
