// The direct HTTP/1.1 transport end to end (HttpConnection + HttpConnectionPool, driven by
// RequestExecution as the engine drives it) against a scripted loopback server: keep-alive
// reuse, a server closing an idle connection, a reset mid-stream, error bodies, every
// body framing, a head split across reads, and the response's X-Request-Id.
// (The timeout, cancel and TLS cases run on both transports in tst_requestexecution.)

#include "protocol/apiflavor.h"
#include "scriptedserver.h"
#include "transport/httpconnectionpool.h"
#include "transport/requestexecution.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
using Script = QList<ScriptedServer::Step>;
using S = ScriptedServer;

RequestJob makeJob(quint16 port, quint64 id = 1) {
    auto context = std::make_shared<RunContext>();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    context->endpoint.url = url;
    context->endpoint.firstTokenTimeoutS = 20.0;
    context->endpoint.idleTimeoutS = 20.0;
    context->endpoint.totalTimeoutS = 30.0;
    context->maxTokens = 8;
    context->prompts = std::make_shared<PromptGenerator>(PromptSource{}, 1);
    RequestJob job;
    job.seed.id = id;
    job.seed.tSchedNs = 1;
    job.context = context;
    return job;
}

QByteArray completeStream() {
    return S::head() + S::content(u"a"_s) + S::content(u"b"_s) + S::finishEvent() + S::done() +
           S::lastChunk();
}

// Runs one request to its end on `pool`; the record, or a failed QVERIFY.
RequestRecord runOne(HttpConnectionPool& pool, const RequestJob& job) {
    static const auto flavor = ApiFlavor::create(u"openai-chat"_s);
    std::atomic<qint64> events{0};
    RequestExecution execution(job, *flavor, &pool, &events);
    QSignalSpy done(&execution, &RequestExecution::done);
    execution.start();
    if (!done.wait(20000))
        return {};
    return execution.takeRecord();
}
} // namespace

class TestHttpConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sequentialRequestsShareOneConnection();
    void serverClosesIdleConnection();
    void staleConnectionIsRetriedOnce();
    void resetMidStream();
    void errorBodies_data();
    void errorBodies();
    void framings_data();
    void framings();
};

void TestHttpConnection::sequentialRequestsShareOneConnection() {
    ScriptedServer server;
    QVERIFY(server.listen());
    // Each request's events arrive in separate writes, the head split mid-line.
    const QByteArray head = S::head();
    server.setScript({{0, head.left(20)},
                      {2, head.mid(20) + S::content(u"a"_s)},
                      {2, S::finishEvent() + S::done() + S::lastChunk()}},
                     false);
    HttpConnectionPool pool;
    constexpr int kRequests = 5;
    for (int i = 0; i < kRequests; ++i) {
        const RequestRecord record = runOne(pool, makeJob(server.port(), quint64(i)));
        QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));
        QCOMPARE(record.contentEventNs.size(), qsizetype(1));
        QCOMPARE(record.httpStatus, 200);
    }
    QCOMPARE(server.requestsSeen(), kRequests);
    QCOMPARE(server.connectionsSeen(), 1);
    QCOMPARE(pool.connectionsOpened(), 1);
    QCOMPARE(pool.idleCount(), 1);
}

void TestHttpConnection::serverClosesIdleConnection() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({{0, completeStream()}}, true); // keep-alive announced, then closed
    HttpConnectionPool pool;
    const RequestRecord first = runOne(pool, makeJob(server.port()));
    QVERIFY2(first.ok(), qPrintable(first.errorMessage));
    QTRY_COMPARE_WITH_TIMEOUT(server.clientDisconnects(), 1, 10000);
    // The client notices the close while idle and drops the connection.
    QTRY_COMPARE_WITH_TIMEOUT(pool.idleCount(), 0, 10000);
    const RequestRecord second = runOne(pool, makeJob(server.port()));
    QVERIFY2(second.ok(), qPrintable(second.error + u": " + second.errorMessage));
    QCOMPARE(server.connectionsSeen(), 2);
    QCOMPARE(server.requestsSeen(), 2);
}

void TestHttpConnection::staleConnectionIsRetriedOnce() {
    // The next request is sent from inside the first one's done(), before this thread
    // could process the server's close: it goes out on a connection the server has
    // closed (or is closing), gets no byte back, and must be retried on a fresh one.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({{0, completeStream()}}, true);
    HttpConnectionPool pool;
    const auto flavor = ApiFlavor::create(u"openai-chat"_s);
    std::atomic<qint64> events{0};
    RequestExecution first(makeJob(server.port(), 1), *flavor, &pool, &events);
    RequestExecution second(makeJob(server.port(), 2), *flavor, &pool, &events);
    QSignalSpy secondDone(&second, &RequestExecution::done);
    connect(&first, &RequestExecution::done, &second, [&second] { second.start(); });
    first.start();
    QVERIFY(secondDone.wait(20000));
    const RequestRecord a = first.takeRecord();
    const RequestRecord b = second.takeRecord();
    QVERIFY2(a.ok(), qPrintable(a.errorMessage));
    QVERIFY2(b.ok(), qPrintable(b.error + u": " + b.errorMessage));
    QCOMPARE(server.requestsSeen(), 2);
    QVERIFY(server.connectionsSeen() <= 2);
}

void TestHttpConnection::resetMidStream() {
    ScriptedServer server;
    QVERIFY(server.listen());
    ScriptedServer::Step cut{5, S::content(u"b"_s)};
    cut.reset = true;
    server.setScript({{0, S::head() + S::content(u"a"_s)}, cut}, false);
    HttpConnectionPool pool;
    const RequestRecord record = runOne(pool, makeJob(server.port()));
    QCOMPARE(record.error, ErrorClass::Reset);
    QVERIFY(!record.contentEventNs.isEmpty()); // what arrived is kept
    QCOMPARE(pool.idleCount(), 0);             // a broken connection is never reused
}

void TestHttpConnection::errorBodies_data() {
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray json = R"({"error":{"message":"invalid api key"}})";
    QTest::newRow("401, content-length")
        << "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
               QByteArray::number(json.size()) + "\r\n\r\n" + json
        << 401 << ErrorClass::Http4xx;
    QTest::newRow("500, chunked")
        << "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
           "Transfer-Encoding: chunked\r\n\r\n" +
               S::chunk(json.left(10)) + S::chunk(json.mid(10)) + S::lastChunk()
        << 500 << ErrorClass::Http5xx;
    QTest::newRow("429") << "HTTP/1.1 429 Too Many\r\nContent-Length: " +
                                QByteArray::number(json.size()) + "\r\n\r\n" + json
                         << 429 << ErrorClass::Http429;
}

void TestHttpConnection::errorBodies() {
    QFETCH(QByteArray, response);
    QFETCH(int, status);
    QFETCH(QString, error);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({{0, response}}, false);
    HttpConnectionPool pool;
    const RequestRecord record = runOne(pool, makeJob(server.port()));
    QCOMPARE(record.error, error);
    QCOMPARE(record.httpStatus, status);
    QVERIFY2(record.errorMessage.contains(u"invalid api key"), qPrintable(record.errorMessage));
    // A complete error response leaves the connection usable.
    QCOMPARE(pool.idleCount(), 1);
}

void TestHttpConnection::framings_data() {
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("closeAtEnd");
    QByteArray events;
    events += "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n";
    events += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    events += "data: [DONE]\n\n";
    const QByteArray common = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                              "X-Request-Id: req-42\r\n";
    QByteArray length = common;
    length += "Content-Length: ";
    length += QByteArray::number(events.size());
    length += "\r\n\r\n";
    length += events;
    QTest::newRow("content-length") << length << false;
    QByteArray close = common;
    close += "Connection: close\r\n\r\n";
    close += events;
    QTest::newRow("connection close") << close << true;
    QByteArray chunked = common;
    chunked += "Transfer-Encoding: chunked\r\n\r\n";
    for (char c : std::as_const(events))
        chunked += S::chunk(QByteArray(1, c));
    chunked += S::lastChunk();
    QTest::newRow("chunked, one byte per chunk") << chunked << false;
}

void TestHttpConnection::framings() {
    QFETCH(QByteArray, response);
    QFETCH(bool, closeAtEnd);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({{0, response}}, closeAtEnd);
    HttpConnectionPool pool;
    const RequestRecord record = runOne(pool, makeJob(server.port()));
    QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));
    QCOMPARE(record.contentEventNs.size(), qsizetype(1));
    QCOMPARE(record.finishReason, u"stop"_s);
    QCOMPARE(record.serverRequestId, u"req-42"_s);
    const QByteArray head = server.lastRequestHead();
    QVERIFY2(head.startsWith("POST /v1/chat/completions HTTP/1.1\r\n") ||
                 head.startsWith("POST /chat/completions HTTP/1.1\r\n"),
             head.constData());
    QVERIFY2(head.contains(
                 QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(server.port()) + "\r\n")),
             head.constData());
    QVERIFY(head.contains("\r\nConnection: keep-alive"));
    QCOMPARE(head.count("Content-Length:"), qsizetype(1));
}

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
