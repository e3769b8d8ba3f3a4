// ConnectionTester's diagnoses beyond the plain outcome: DNS failure, a wrong API flavor
// (with the follow-up request that confirms the other one), options a server rejects,
// and the key masked wherever the server echoes it.
#include "common/secretmasker.h"
#include "connectiontestutil.h"
#include "record/requestrecord.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace ConnectionTestUtil;

class TestConnectionTesterDiagnosis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { SecretMasker::clearForTests(); } // the tester registers the keys it sends
    void hostNotFound();
    void wrongFlavor_data();
    void wrongFlavor();
    void forceExactRejected();
    void secretMaskedInRawEvents();
    void abortDuringFlavorProbe();
    void urlOfAnotherFlavor();
};

void TestConnectionTesterDiagnosis::hostNotFound() {
    // RFC 2606 reserves .invalid: it never resolves, and the lookup needs no network.
    EndpointConfig endpoint = endpointFor(1);
    endpoint.url = QUrl(QStringLiteral("http://llm.plateau-test.invalid:8000/v1"));
    const ConnectionTestResult result = runTest(endpoint);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, ErrorClass::Connect);
    QCOMPARE(result.httpStatus, 0);
    QVERIFY2(result.plainMessage.startsWith(
                 u"Host not found: \"llm.plateau-test.invalid\" could not be resolved."),
             qPrintable(result.plainMessage));
    QVERIFY(result.suggestedFlavor.isEmpty());
}

void TestConnectionTesterDiagnosis::wrongFlavor_data() {
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QByteArray>("firstAnswer"); // to every path but the working one
    QTest::addColumn<QByteArray>("workingPath"); // empty: no route works
    QTest::addColumn<QByteArray>("workingSample");
    QTest::addColumn<QString>("suggested");
    QTest::addColumn<QStringList>("messageParts");

    const QByteArray notFound = CannedHttpServer::response(404, "Not Found", "application/json",
                                                           R"({"detail":"Not Found"})");
    const QString switchTo = QStringLiteral("Switch this endpoint's API flavor to \"%1\"");
    QTest::newRow("completions-only server hit with chat")
        << QStringLiteral("openai-chat") << notFound << QByteArray("/v1/completions")
        << QByteArray("llama-server-completions-usage.sse") << QStringLiteral("openai-completions")
        << QStringList{QStringLiteral("HTTP 404 Not Found"), QStringLiteral("/v1/completions"),
                       switchTo.arg(u"openai-completions")};
    QTest::newRow("OpenAI: not a chat model")
        << QStringLiteral("openai-chat")
        << CannedHttpServer::response(
               404, "Not Found", "application/json",
               R"({"error":{"message":"This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?"}})")
        << QByteArray("/v1/completions") << QByteArray("llama-server-completions-usage.sse")
        << QStringLiteral("openai-completions")
        << QStringList{QStringLiteral("completions-only model"),
                       switchTo.arg(u"openai-completions")};
    QTest::newRow("vLLM: base model without chat template")
        << QStringLiteral("openai-chat")
        << CannedHttpServer::response(
               400, "Bad Request", "application/json",
               R"({"object":"error","message":"As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.","type":"BadRequestError","code":400})")
        << QByteArray("/v1/completions") << QByteArray("llama-server-completions-usage.sse")
        << QStringLiteral("openai-completions")
        << QStringList{QStringLiteral("HTTP 400"), switchTo.arg(u"openai-completions")};
    QTest::newRow("chat-only server hit with completions")
        << QStringLiteral("openai-completions") << notFound << QByteArray("/v1/chat/completions")
        << QByteArray("llama-server-chat-usage.sse") << QStringLiteral("openai-chat")
        << QStringList{QStringLiteral("HTTP 404 Not Found"), switchTo.arg(u"openai-chat")};
    QTest::newRow("no route works")
        << QStringLiteral("openai-chat") << notFound << QByteArray() << QByteArray() << QString()
        << QStringList{QStringLiteral("HTTP 404 Not Found")};
}

void TestConnectionTesterDiagnosis::wrongFlavor() {
    QFETCH(QString, flavor);
    QFETCH(QByteArray, firstAnswer);
    QFETCH(QByteArray, workingPath);
    QFETCH(QByteArray, workingSample);
    QFETCH(QString, suggested);
    QFETCH(QStringList, messageParts);
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(firstAnswer);
    if (!workingPath.isEmpty())
        server.setResponseFor(
            workingPath, CannedHttpServer::response(200, "OK", "text/event-stream",
                                                    readSample(workingSample.constData()), true));
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.flavor = flavor;
    const ConnectionTestResult result = runTest(endpoint, QStringLiteral("sk-flavor-test"));
    QVERIFY(!result.ok); // the endpoint as configured does not work: say so, do not hide it
    QVERIFY(result.httpStatus >= 400);
    QCOMPARE(result.suggestedFlavor, suggested);
    for (const QString& part : messageParts)
        QVERIFY2(result.plainMessage.contains(part),
                 qPrintable(part + u" not in: " + result.plainMessage));
    if (suggested.isEmpty())
        QVERIFY2(!result.plainMessage.contains(u"Switch"), qPrintable(result.plainMessage));

    // The follow-up: one more request, 1 token, the other flavor's route and body shape.
    QCOMPARE(server.requests().size(), 2);
    const CannedHttpServer::Request& probe = server.requests().at(1);
    const QJsonObject body = QJsonDocument::fromJson(probe.body).object();
    QCOMPARE(body.value(u"max_tokens").toInt(), 1);
    const bool chatProbe = flavor == QLatin1String("openai-completions");
    QCOMPARE(probe.path,
             chatProbe ? QByteArray("/v1/chat/completions") : QByteArray("/v1/completions"));
    QCOMPARE(body.contains(u"messages"), chatProbe);
    QCOMPARE(body.contains(u"prompt"), !chatProbe);
    QCOMPARE(probe.headers.value("authorization"), QByteArray("Bearer sk-flavor-test"));
}

void TestConnectionTesterDiagnosis::forceExactRejected() {
    // Hosted OpenAI-style APIs reject the exact-length fields outright.
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(
        400, "Bad Request", "application/json",
        R"({"error":{"message":"Unrecognized request argument supplied: ignore_eos"}})"));
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.forceExactOutput = true;
    const ConnectionTestResult result = runTest(endpoint);
    QCOMPARE(result.error, ErrorClass::Http4xx);
    QVERIFY2(result.plainMessage.contains(u"turn off \"force exact output length\""),
             qPrintable(result.plainMessage));
    QCOMPARE(server.requests().size(), 1); // not a flavor problem: no follow-up request
    QVERIFY(QJsonDocument::fromJson(server.requests().first().body)
                .object()
                .value(u"ignore_eos")
                .toBool());
}

void TestConnectionTesterDiagnosis::secretMaskedInRawEvents() {
    // A server that echoes the key inside the stream: raw events, text and message are all
    // shown by the GUI, so the key must be masked in each (the tester registers it itself).
    const QString key = QStringLiteral("sk-live-ECHOED-9876");
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(CannedHttpServer::response(
        200, "OK", "text/event-stream",
        "data: {\"choices\":[{\"delta\":{\"content\":\"your key is sk-live-ECHOED-9876\"}}]}\n\n"
        "data: {\"error\":{\"message\":\"key sk-live-ECHOED-9876 has no quota\"}}\n\n",
        true));
    const ConnectionTestResult result = runTest(endpointFor(server.port()), key);
    QCOMPARE(result.error, ErrorClass::StreamErrorEvent);
    QCOMPARE(result.rawEvents.size(), 2);
    for (const QByteArray& raw : result.rawEvents) {
        QVERIFY2(!raw.contains("ECHOED"), raw.constData());
        QVERIFY(raw.contains("***"));
    }
    QCOMPARE(result.text, QStringLiteral("your key is ***"));
    QVERIFY2(!result.plainMessage.contains(u"ECHOED"), qPrintable(result.plainMessage));
    QVERIFY(result.plainMessage.contains(u"key *** has no quota"));
    QVERIFY(!result.firstBytes.contains("ECHOED"));
}

void TestConnectionTesterDiagnosis::abortDuringFlavorProbe() {
    // The first request gets a 404; the follow-up hangs; abort reports the first answer.
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(QByteArray()); // hang by default
    server.setResponseFor("/v1/chat/completions",
                          CannedHttpServer::response(404, "Not Found", "application/json",
                                                     R"({"detail":"Not Found"})"));
    ConnectionTester tester;
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    tester.start(endpointFor(server.port()), QString());
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 2, kWaitMs);
    QVERIFY(tester.isRunning());
    QCOMPARE(spy.size(), 0);
    tester.abort();
    QCOMPARE(spy.size(), 1);
    QVERIFY(!tester.isRunning());
    const auto result = spy.first().first().value<ConnectionTestResult>();
    QCOMPARE(result.httpStatus, 404);
    QCOMPARE(result.error, ErrorClass::Http4xx);
    QVERIFY(result.suggestedFlavor.isEmpty());
}

void TestConnectionTesterDiagnosis::urlOfAnotherFlavor() {
    // llama.cpp's server: /v1/messages copied into an openai-chat endpoint. Chat adds its own
    // route (/v1/messages/v1/chat/completions: llama.cpp's bare 404); the URL names the
    // Anthropic route, and one follow-up request with "anthropic" there works.
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.setResponse(
        CannedHttpServer::response(404, "Not Found", "text/plain", "File Not Found"));
    server.setResponseFor(
        "/v1/messages", CannedHttpServer::response(200, "OK", "text/event-stream",
                                                   readSample("llama-server-anthropic.sse"), true));
    EndpointConfig endpoint = endpointFor(server.port());
    endpoint.url.setPath(QStringLiteral("/v1/messages"));
    endpoint.flavor = QStringLiteral("openai-chat");
    const ConnectionTestResult result = runTest(endpoint);
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 404);
    QCOMPARE(result.suggestedFlavor, QStringLiteral("anthropic"));
    QVERIFY2(result.plainMessage.contains(u"Switch this endpoint's API flavor to \"anthropic\""),
             qPrintable(result.plainMessage));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).path, QByteArray("/v1/messages/v1/chat/completions"));
    QCOMPARE(server.requests().at(1).path, QByteArray("/v1/messages"));
    QCOMPARE(server.requests().at(1).headers.value("anthropic-version"), QByteArray("2023-06-01"));
}

QTEST_GUILESS_MAIN(TestConnectionTesterDiagnosis)
#include "tst_connectiontester_diagnosis.moc"
