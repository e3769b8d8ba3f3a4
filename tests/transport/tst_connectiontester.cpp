#include "common/secretmasker.h"
#include "connectiontestutil.h"
#include "record/requestrecord.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ConnectionTestUtil;

class TestConnectionTester : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The tester registers every key it sends with the process-wide masker: start each
    // test from a clean list so one test's key cannot mask (or leak into) another's.
    void cleanup() { SecretMasker::clearForTests(); }
    void success_data();
    void success();
    void httpErrors_data();
    void httpErrors();
    void notAnEventStream();
    void errorEventInStream();
    void streamCutOff();
    void connectionRefused();
    void firstTokenTimeout();
    void idleTimeout();
    void totalTimeout();
    void tlsVerification();
    void proxyFromEnvironment();
    void unknownFlavor();
    void secretNeverShown();
    void abortGivesCancelled();
};

void TestConnectionTester::success_data() {
    QTest::addColumn<bool>("chunked");
    QTest::newRow("chunked") << true;
    QTest::newRow("connection close framing") << false;
}

void TestConnectionTester::success() {
    QFETCH(bool, chunked);
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(
        200, "OK", "text/event-stream", readSample("llama-server-chat-usage.sse"), chunked));
    const ConnectionTestResult result =
        runTest(endpointFor(server.port()), QStringLiteral("sk-test"), 8);
    QVERIFY2(result.ok, qPrintable(result.plainMessage));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.outputTokens, 8);
    QCOMPARE(result.outputTokensSource, QStringLiteral("usage"));
    QCOMPARE(result.inputTokens, 31);
    QCOMPARE(result.finishReason, QStringLiteral("length"));
    QCOMPARE(result.text, QStringLiteral("processing ind Append]( voltage entwick Sub gra"));
    QCOMPARE(result.rawEvents.size(), 8);
    QVERIFY(result.rawEvents.first().contains("\"role\":\"assistant\""));
    QVERIFY(result.ttfbMs >= 0);
    QVERIFY(result.ttftMs >= result.ttfbMs);
    QVERIFY(result.e2eMs >= result.ttftMs);
    QVERIFY2(result.plainMessage.startsWith(u"Connected: HTTP 200"),
             qPrintable(result.plainMessage));
    QCOMPARE(result.contentType, QStringLiteral("text/event-stream"));

    // What the server received.
    QCOMPARE(server.requests().size(), 1);
    const CannedHttpServer::Request& request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer sk-test"));
    QCOMPARE(request.headers.value("accept-encoding"), QByteArray("identity"));
    QCOMPARE(request.headers.value("accept"), QByteArray("text/event-stream"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 8);
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("tiny"));
}

void TestConnectionTester::httpErrors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("messageParts");

    QTest::newRow("401") << 401 << QByteArray("Unauthorized")
                         << QByteArray(R"({"error":{"message":"Invalid API key"}})")
                         << ErrorClass::Http4xx
                         << QStringList{QStringLiteral("HTTP 401 Unauthorized"),
                                        QStringLiteral("Check the API key"),
                                        QStringLiteral("${env:PLATEAU_TEST_KEY}"),
                                        QStringLiteral("Invalid API key")};
    QTest::newRow("403") << 403 << QByteArray("Forbidden") << QByteArray("{\"detail\":\"denied\"}")
                         << ErrorClass::Http4xx
                         << QStringList{QStringLiteral("HTTP 403 Forbidden"),
                                        QStringLiteral("API key"), QStringLiteral("denied")};
    QTest::newRow("404") << 404 << QByteArray("Not Found")
                         << QByteArray(R"({"error":"model 'tiny' not found"})")
                         << ErrorClass::Http4xx
                         << QStringList{QStringLiteral("HTTP 404 Not Found at http://127.0.0.1:"),
                                        QStringLiteral("/v1/chat/completions"),
                                        QStringLiteral("check the URL"),
                                        QStringLiteral("\"tiny\""),
                                        QStringLiteral("\"openai-chat\""),
                                        QStringLiteral("model 'tiny' not found")};
    QTest::newRow("400") << 400 << QByteArray("Bad Request")
                         << QByteArray(R"({"error":{"message":"max_tokens must be <= 4096"}})")
                         << ErrorClass::Http4xx
                         << QStringList{QStringLiteral("HTTP 400: the server rejected the request"),
                                        QStringLiteral("max_tokens must be <= 4096")};
    QTest::newRow("429") << 429 << QByteArray("Too Many Requests")
                         << QByteArray(R"({"error":{"message":"slow down"}})")
                         << ErrorClass::Http429
                         << QStringList{QStringLiteral("rate-limiting"),
                                        QStringLiteral("slow down")};
    QTest::newRow("500 llama.cpp")
        << 500 << QByteArray("Internal Server Error")
        << readSample("llama-server-bad-json.txt").split('\n').first() << ErrorClass::Http5xx
        << QStringList{QStringLiteral("HTTP 500: the server failed"),
                       QStringLiteral("parse error")};
}

void TestConnectionTester::httpErrors() {
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(QStringList, messageParts);
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(status, reason, "application/json", body));
    const ConnectionTestResult result =
        runTest(endpointFor(server.port()), QStringLiteral("sk-test"));
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.error, error);
    for (const QString& part : messageParts)
        QVERIFY2(result.plainMessage.contains(part),
                 qPrintable(part + u" not in: " + result.plainMessage));
}

void TestConnectionTester::notAnEventStream() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(200, "OK", "application/json",
                                                  readSample("llama-server-chat-nonstream.json")));
    const ConnectionTestResult result = runTest(endpointFor(server.port()));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, ErrorClass::BadStream);
    for (const auto part : {u"not with an event stream", u"application/json", u"Wrong API flavor",
                            u"\"finish_reason\":\"length\""})
        QVERIFY2(result.plainMessage.contains(part), qPrintable(result.plainMessage));
    QVERIFY(result.firstBytes.startsWith("{\"choices\""));
}

void TestConnectionTester::errorEventInStream() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(
        CannedHttpServer::response(200, "OK", "text/event-stream",
                                   "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                                   "data: {\"error\":{\"message\":\"CUDA out of memory\"}}\n\n",
                                   true));
    const ConnectionTestResult result = runTest(endpointFor(server.port()));
    QCOMPARE(result.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(result.plainMessage.contains(u"CUDA out of memory"), qPrintable(result.plainMessage));
    QCOMPARE(result.text, QStringLiteral("Hi"));
}

void TestConnectionTester::streamCutOff() {
    // Close-delimited body that stops before its finish chunk: a failure, not a success.
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(
        CannedHttpServer::response(200, "OK", "text/event-stream",
                                   "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"));
    const ConnectionTestResult result = runTest(endpointFor(server.port()));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, ErrorClass::BadStream);
    QVERIFY2(result.plainMessage.contains(u"ended before its finish chunk"),
             qPrintable(result.plainMessage));
    QCOMPARE(result.outputTokens, 1);
}

void TestConnectionTester::connectionRefused() {
    quint16 port = 0;
    {
        QTcpServer probe; // a port the OS just gave out, closed again: nobody listens
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const ConnectionTestResult result = runTest(endpointFor(port));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, ErrorClass::Connect);
    QCOMPARE(
        result.plainMessage,
        QStringLiteral("Connection refused: is the server running on 127.0.0.1:%1?").arg(port));
}

void TestConnectionTester::firstTokenTimeout() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(QByteArray()); // accepts, reads, never answers
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.firstTokenTimeoutS = 0.3;
    QElapsedTimer clock;
    clock.start();
    const ConnectionTestResult result = runTest(endpoint);
    QCOMPARE(result.error, ErrorClass::Timeout);
    QVERIFY2(result.plainMessage.contains(u"first-token timeout"), qPrintable(result.plainMessage));
    QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed()))); // ms rounding
    QCOMPARE(server.requests().size(), 1);
}

void TestConnectionTester::idleTimeout() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    // Headers and one token, then silence with the connection open.
    const QByteArray event("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
    server.setResponse("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n" +
                           QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n",
                       CannedHttpServer::After::KeepOpen);
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.idleTimeoutS = 0.3;
    const ConnectionTestResult result = runTest(endpoint);
    QCOMPARE(result.error, ErrorClass::Timeout);
    QVERIFY2(result.plainMessage.contains(u"idle timeout"), qPrintable(result.plainMessage));
    QCOMPARE(result.text, QStringLiteral("a"));
    QCOMPARE(result.outputTokens, 1);
}

void TestConnectionTester::totalTimeout() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(QByteArray());
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.totalTimeoutS = 0.3;
    const ConnectionTestResult result = runTest(endpoint);
    QCOMPARE(result.error, ErrorClass::Timeout);
    QVERIFY2(result.plainMessage.contains(u"total timeout"), qPrintable(result.plainMessage));
}

void TestConnectionTester::tlsVerification() {
    CannedHttpServer server;
    QVERIFY(server.listen(true));
    server.setResponse(CannedHttpServer::response(200, "OK", "text/event-stream",
                                                  readSample("llama-server-chat-usage.sse"), true));
    EndpointConfig endpoint = endpointFor(server.port(), true);

    const ConnectionTestResult verified = runTest(endpoint);
    QVERIFY(!verified.ok);
    QCOMPARE(verified.error, ErrorClass::Tls);
    for (const auto part : {u"TLS error with 127.0.0.1:", u"self-signed", u"turned off"})
        QVERIFY2(verified.plainMessage.contains(part, Qt::CaseInsensitive),
                 qPrintable(verified.plainMessage));
    QCOMPARE(server.requests().size(), 0); // nothing was sent over the untrusted connection

    endpoint.verifyTls = false; // the explicit per-endpoint opt-out
    const ConnectionTestResult optedOut = runTest(endpoint);
    QVERIFY2(optedOut.ok, qPrintable(optedOut.plainMessage));
    QCOMPARE(optedOut.outputTokens, 8);
    QCOMPARE(server.requests().size(), 1);
}

void TestConnectionTester::proxyFromEnvironment() {
    // The canned server plays an HTTP proxy: with useSystemProxy the request for a host
    // that does not even resolve goes to http_proxy; without it, it is sent directly.
    CannedHttpServer proxy;
    QVERIFY(proxy.listen());
    proxy.setResponse(CannedHttpServer::response(200, "OK", "text/event-stream",
                                                 readSample("llama-server-chat-usage.sse")));
    const QByteArray oldProxy = qgetenv("http_proxy");
    const QByteArray oldNoProxy = qgetenv("no_proxy");
    qputenv("http_proxy", "http://127.0.0.1:" + QByteArray::number(proxy.port()));
    qunsetenv("no_proxy");
    EndpointConfig endpoint = endpointFor(1);
    endpoint.url = QUrl(QStringLiteral("http://llm.plateau-test.invalid:8000"));
    endpoint.useSystemProxy = true;
    const ConnectionTestResult viaProxy = runTest(endpoint);
    if (oldProxy.isEmpty())
        qunsetenv("http_proxy");
    else
        qputenv("http_proxy", oldProxy);
    if (!oldNoProxy.isEmpty())
        qputenv("no_proxy", oldNoProxy);
    QVERIFY2(viaProxy.ok, qPrintable(viaProxy.plainMessage));
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().first().path,
             QByteArray("http://llm.plateau-test.invalid:8000/v1/chat/completions"));
}

void TestConnectionTester::unknownFlavor() {
    EndpointConfig endpoint = endpointFor(1);
    endpoint.flavor = QStringLiteral("grpc");
    ConnectionTester tester;
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    tester.start(endpoint, QString());
    QCOMPARE(spy.size(), 0); // reported from the event loop, never from inside start()
    QVERIFY(spy.wait(kWaitMs));
    const auto result = spy.first().first().value<ConnectionTestResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.plainMessage.contains(u"Unknown API flavor \"grpc\""),
             qPrintable(result.plainMessage));
    QVERIFY(result.plainMessage.contains(u"openai-chat"));

    endpoint.flavor = QStringLiteral("openai-chat");
    endpoint.url = QUrl(QStringLiteral("ftp://127.0.0.1/"));
    const ConnectionTestResult badUrl = runTest(endpoint);
    QVERIFY(badUrl.plainMessage.contains(u"is not an http:// or https:// URL"));
}

void TestConnectionTester::secretNeverShown() {
    const QString key = QStringLiteral("sk-test-VERY-SECRET-42");
    SecretMasker::registerSecret(key); // ApiKeyResolver does this when it reads the key
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(
        401, "Unauthorized", "application/json",
        R"({"error":{"message":"Incorrect API key provided: sk-test-VERY-SECRET-42"}})"));
    const ConnectionTestResult result = runTest(endpointFor(server.port()), key);
    QCOMPARE(result.httpStatus, 401);
    QVERIFY2(!result.plainMessage.contains(u"VERY-SECRET"), qPrintable(result.plainMessage));
    QVERIFY(result.plainMessage.contains(u"Incorrect API key provided: ***"));
    SecretMasker::clearForTests();
}

void TestConnectionTester::abortGivesCancelled() {
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(QByteArray());
    ConnectionTester tester;
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    tester.start(endpointFor(server.port()), QString());
    QVERIFY(tester.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, kWaitMs);
    tester.abort();
    QCOMPARE(spy.size(), 1);
    QVERIFY(!tester.isRunning());
    const auto result = spy.first().first().value<ConnectionTestResult>();
    QCOMPARE(result.error, ErrorClass::Cancelled);
    QCOMPARE(result.plainMessage, QStringLiteral("Cancelled."));
    tester.abort(); // harmless when idle
    QCOMPARE(spy.size(), 1);
}

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
