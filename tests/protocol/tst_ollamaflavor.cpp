#include "flavorfixture.h"
#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/ollamaflavor.h"
#include "protocol/sseparser.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

namespace {
QByteArray line(const QByteArray& content, const QByteArray& field = "content") {
    return R"({"model":"llama3","created_at":"2026-01-01T00:00:00Z","message":{"role":)"
           R"("assistant",")" +
           field + R"(":")" + content + R"("},"done":false})" + "\n";
}

QByteArray last(const QByteArray& usage) {
    return R"({"model":"llama3","message":{"role":"assistant","content":""},"done":true)" + usage +
           "}\n";
}
} // namespace

class TestOllamaFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void body();
    void ndjsonFramingWhateverTheContentType_data();
    void ndjsonFramingWhateverTheContentType();
    void usageMissing();
    void errorLine();
    void httpErrorBody();
    void cutBeforeDone();
    void notOllamaStream();
};

void TestOllamaFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host") << "http://h:11434"
                          << "http://h:11434/api/chat";
    QTest::newRow("api") << "http://h:11434/api/"
                         << "http://h:11434/api/chat";
    QTest::newRow("full") << "http://h:11434/api/chat"
                          << "http://h:11434/api/chat";
}

void TestOllamaFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    const QNetworkRequest request = OllamaFlavor().buildRequest(endpoint, QString());
    QCOMPARE(request.url().toString(), expected);
    QCOMPARE(header(request, "Accept"), QByteArray("application/x-ndjson"));
}

void TestOllamaFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("llama3");
    endpoint.forceExactOutput = true;
    Prompt prompt;
    prompt.text = QStringLiteral("Hi");
    const OllamaFlavor flavor;
    QCOMPARE(flavor.framing(), ApiFlavor::Framing::Ndjson);
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 16));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("llama3"));
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"options").toObject().value(u"num_predict").toInt(), 16);
    QCOMPARE(body.value(u"messages").toArray().size(), 1);
    QVERIFY(!body.contains(u"max_tokens"));
    QVERIFY(!body.contains(u"ignore_eos"));
}

void TestOllamaFlavor::ndjsonFramingWhateverTheContentType_data() {
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("x-ndjson") << QByteArray("application/x-ndjson");
    // A proxy that relabels the body: the flavor's framing still cuts it by lines.
    QTest::newRow("json") << QByteArray("application/json; charset=utf-8");
    QTest::newRow("none") << QByteArray();
}

void TestOllamaFlavor::ndjsonFramingWhateverTheContentType() {
    QFETCH(QByteArray, contentType);
    const QByteArray body =
        line("Let me think", "thinking") + line("Hello") + line(" there") +
        last(R"(,"done_reason":"length","total_duration":900000,"load_duration":70,)"
             R"("prompt_eval_count":12,)"
             R"("prompt_eval_duration":1000,"eval_count":3,"eval_duration":5000)");
    const RequestRecord r = FlavorFixture::runEverySplit(OllamaFlavor(), body, contentType);
    QCOMPARE(r.id, 7);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("length"));
    QCOMPARE(r.outputTokens, 3);
    QCOMPARE(r.outputTokensSource, TokenSource::Usage);
    QCOMPARE(r.inputTokens, 12);
    QCOMPARE(r.contentEventNs.size(), 3); // thinking counts for TTFT
    // The server's own timings, kept beside the client's (ns, as Ollama sends them).
    QCOMPARE(r.serverTotalNs, 900000);
    QCOMPARE(r.serverLoadNs, 70);
    QCOMPARE(r.serverPromptEvalNs, 1000);
    QCOMPARE(r.serverEvalNs, 5000);
    const qsizetype firstLineEnd = body.indexOf('\n') + 1;
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(firstLineEnd));
    QCOMPARE(r.tEndNs, TrackerRun::arrival(body.size()));
}

void TestOllamaFlavor::usageMissing() {
    // An old server: no done_reason, no counts; a CRLF line end and a blank line.
    const QByteArray body = line("a") + "\r\n" + line("b") + last(QByteArray());
    const RequestRecord r = FlavorFixture::runEverySplit(OllamaFlavor(), body);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QCOMPARE(r.outputTokens, 2);
    QCOMPARE(r.outputTokensSource, TokenSource::Events);
    QCOMPARE(r.inputTokensSource, TokenSource::Estimate);
    QVERIFY(!r.hasServerTimings()); // no durations sent: none made up
    QCOMPARE(r.serverEvalNs, -1);
    // Nonsense durations (negative, a string, past a day) are not kept either.
    const RequestRecord bad = FlavorFixture::runEverySplit(
        OllamaFlavor(), line("a") + last(R"(,"total_duration":-5,"eval_duration":"9",)"
                                         R"("prompt_eval_duration":1e30)"));
    QVERIFY2(bad.ok(), qPrintable(bad.errorMessage));
    QVERIFY(!bad.hasServerTimings());
    QCOMPARE(bad.serverPromptEvalNs, -1);
}

void TestOllamaFlavor::errorLine() {
    const QByteArray body = line("a") +
                            R"({"error":"an error was encountered while running the )"
                            R"(model: unexpected EOF"})" +
                            "\n";
    const RequestRecord r = FlavorFixture::runEverySplit(OllamaFlavor(), body);
    QCOMPARE(r.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(r.errorMessage.endsWith(u"unexpected EOF"), qPrintable(r.errorMessage));
}

void TestOllamaFlavor::httpErrorBody() {
    const RequestRecord r = TrackerRun::run(
        OllamaFlavor(), R"({"error":"model \"llama9\" not found, try pulling it first"})", {}, 404,
        "application/json");
    QCOMPARE(r.error, ErrorClass::Http4xx);
    QCOMPARE(r.errorMessage,
             QStringLiteral("HTTP 404: model \"llama9\" not found, try pulling it first"));
}

void TestOllamaFlavor::cutBeforeDone() {
    const RequestRecord r = FlavorFixture::runEverySplit(OllamaFlavor(), line("a") + line("b"));
    QCOMPARE(r.error, ErrorClass::BadStream);
    // A last line without its newline still counts at a clean close.
    const RequestRecord tail =
        FlavorFixture::runEverySplit(OllamaFlavor(), line("a") + last(QByteArray()).trimmed());
    QVERIFY2(tail.ok(), qPrintable(tail.errorMessage));
}

void TestOllamaFlavor::notOllamaStream() {
    const StreamEvent e =
        OllamaFlavor().decodePayload(R"({"choices":[{"index":0,"delta":{"content":"hi"}}]})");
    QVERIFY(e.malformed);
    QVERIFY(e.errorMessage.contains(u"Ollama"));
    // An OpenAI-style SSE body read as NDJSON: "data: {...}" is no JSON line.
    QVERIFY(OllamaFlavor().decodePayload("data: {\"done\":true}").malformed);
}

QTEST_GUILESS_MAIN(TestOllamaFlavor)
#include "tst_ollamaflavor.moc"
