#include "flavorfixture.h"
#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/openairesponsesflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

namespace {
QByteArray sseEvent(const QByteArray& type, const QByteArray& json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
}

QByteArray delta(const QByteArray& type, const QByteArray& text) {
    return sseEvent(type, R"({"type":")" + type +
                              R"(","item_id":"x","output_index":0,)"
                              R"("content_index":0,"delta":")" +
                              text + R"("})");
}

QByteArray end(const QByteArray& type, const QByteArray& responseFields) {
    return sseEvent(type, R"({"type":")" + type + R"(","response":{"id":"resp_1",)" +
                              responseFields + "}}");
}

QByteArray created() {
    return sseEvent("response.created", R"({"type":"response.created","response":{"id":"resp_1",)"
                                        R"("status":"in_progress","usage":null}})");
}

QByteArray itemAdded() {
    return sseEvent("response.output_item.added",
                    R"({"type":"response.output_item.added","output_index":0,)"
                    R"("item":{"type":"message","role":"assistant","content":[]}})");
}
} // namespace

class TestOpenAiResponsesFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void body();
    void streamSplitAnywhere();
    void incompleteIsLength();
    void usageMissing();
    void errors_data();
    void errors();
    void httpErrorBody();
    void notResponsesStream();
};

void TestOpenAiResponsesFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host") << "http://h:8080"
                          << "http://h:8080/v1/responses";
    QTest::newRow("v1") << "https://api.openai.com/v1/"
                        << "https://api.openai.com/v1/responses";
    QTest::newRow("full") << "http://h/v1/responses"
                          << "http://h/v1/responses";
}

void TestOpenAiResponsesFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    const QNetworkRequest request =
        OpenAiResponsesFlavor().buildRequest(endpoint, QStringLiteral("sk-1"));
    QCOMPARE(request.url().toString(), expected);
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer sk-1"));
}

void TestOpenAiResponsesFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("gpt-x");
    endpoint.forceExactOutput = true;
    Prompt prompt;
    prompt.text = QStringLiteral("Hi");
    const QJsonObject body = parse(OpenAiResponsesFlavor().buildBody(endpoint, prompt, 32));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("gpt-x"));
    QCOMPARE(body.value(u"max_output_tokens").toInt(), 32);
    QCOMPARE(body.value(u"stream").toBool(), true);
    const QJsonArray input = body.value(u"input").toArray();
    QCOMPARE(input.size(), 1);
    QCOMPARE(input[0].toObject().value(u"content").toString(), QStringLiteral("Hi"));
    QVERIFY(!body.contains(u"max_tokens"));
    QVERIFY(!body.contains(u"stream_options"));
    QVERIFY(!body.contains(u"ignore_eos"));
}

void TestOpenAiResponsesFlavor::streamSplitAnywhere() {
    const QByteArray body =
        created() + itemAdded() + delta("response.reasoning_summary_text.delta", "think") +
        delta("response.output_text.delta", "Hello") +
        delta("response.output_text.delta", "") + // an empty delta is no token
        delta("response.output_text.delta", " \\u00e9") +
        sseEvent("response.output_text.done",
                 R"({"type":"response.output_text.done","text":"x"})") +
        end("response.completed",
            R"("status":"completed","usage":{"input_tokens":11,"output_tokens":4,)"
            R"("output_tokens_details":{"reasoning_tokens":1}})");
    const RequestRecord r = FlavorFixture::runEverySplit(OpenAiResponsesFlavor(), body);
    QCOMPARE(r.id, 7);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QCOMPARE(r.outputTokens, 4);
    QCOMPARE(r.outputTokensSource, TokenSource::Usage);
    QCOMPARE(r.inputTokens, 11);
    QCOMPARE(r.inputTokensSource, TokenSource::Usage);
    const QList<qsizetype> ends = TrackerTest::eventEnds(body);
    QCOMPARE(r.tFirstEventNs, TrackerRun::arrival(ends[1]));   // output_item.added
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(ends[2])); // the reasoning summary
    QCOMPARE(r.contentEventNs.size(), 3);
    QCOMPARE(r.tEndNs, TrackerRun::arrival(ends[7]));
}

void TestOpenAiResponsesFlavor::incompleteIsLength() {
    const QByteArray body =
        delta("response.output_text.delta", "a") +
        end("response.incomplete",
            R"("status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},)"
            R"("usage":{"input_tokens":3,"output_tokens":1})");
    const RequestRecord r = FlavorFixture::runEverySplit(OpenAiResponsesFlavor(), body);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("length"));
    QCOMPARE(r.outputTokens, 1);
}

void TestOpenAiResponsesFlavor::usageMissing() {
    const QByteArray body = delta("response.output_text.delta", "a") +
                            delta("response.output_text.delta", "b") +
                            end("response.completed", R"("status":"completed")");
    const RequestRecord r = FlavorFixture::runEverySplit(OpenAiResponsesFlavor(), body);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.outputTokens, 2);
    QCOMPARE(r.outputTokensSource, TokenSource::Events);
    QCOMPARE(r.inputTokensSource, TokenSource::Estimate);
}

void TestOpenAiResponsesFlavor::errors_data() {
    QTest::addColumn<QByteArray>("tail");
    QTest::addColumn<QString>("message");
    QTest::newRow("failed") << end("response.failed",
                                   R"("status":"failed","error":{"code":"server_error",)"
                                   R"("message":"The model crashed"})")
                            << QStringLiteral("The model crashed (server_error)");
    QTest::newRow("error") << sseEvent("error", R"({"type":"error","code":"rate_limit_exceeded",)"
                                                R"("message":"Slow down","param":null})")
                           << QStringLiteral("Slow down"); // (the tracker reads "event: error")
    QTest::newRow("error data only")
        << QByteArray(R"(data: {"type":"error","code":"rate_limit_exceeded","message":"Slow"})"
                      "\n\n")
        << QStringLiteral("Slow (rate_limit_exceeded)");
    // llama.cpp's server, an error after the stream started (server-context.cpp format_error).
    QTest::newRow("error object without type")
        << QByteArray(R"(data: {"error":{"code":500,"message":"context shift is disabled",)"
                      R"("type":"server_error"}})"
                      "\n\n")
        << QStringLiteral("context shift is disabled");
    QTest::newRow("incomplete other")
        << end("response.incomplete",
               R"("status":"incomplete","incomplete_details":{"reason":"interrupted"})")
        << QStringLiteral("response incomplete: interrupted");
}

void TestOpenAiResponsesFlavor::errors() {
    QFETCH(QByteArray, tail);
    QFETCH(QString, message);
    const QByteArray body = delta("response.output_text.delta", "a") + tail;
    const RequestRecord r = FlavorFixture::runEverySplit(OpenAiResponsesFlavor(), body);
    QCOMPARE(r.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(r.errorMessage.endsWith(message), qPrintable(r.errorMessage));
}

void TestOpenAiResponsesFlavor::httpErrorBody() {
    const QByteArray body = R"({"error":{"message":"Unsupported parameter: 'max_tokens'",)"
                            R"("type":"invalid_request_error","code":null}})";
    const RequestRecord r =
        TrackerRun::run(OpenAiResponsesFlavor(), body, {}, 400, "application/json");
    QCOMPARE(r.error, ErrorClass::Http4xx);
    QCOMPARE(r.errorMessage, QStringLiteral("HTTP 400: Unsupported parameter: 'max_tokens'"));
}

void TestOpenAiResponsesFlavor::notResponsesStream() {
    const StreamEvent e = OpenAiResponsesFlavor().decodePayload(
        R"({"choices":[{"index":0,"delta":{"content":"hi"}}]})");
    QVERIFY(e.malformed);
    QVERIFY(e.errorMessage.contains(u"Responses"));
    // A cut stream (no response.completed) is a failure.
    const RequestRecord r = FlavorFixture::runEverySplit(OpenAiResponsesFlavor(),
                                                         delta("response.output_text.delta", "a"));
    QCOMPARE(r.error, ErrorClass::BadStream);
}

QTEST_GUILESS_MAIN(TestOpenAiResponsesFlavor)
#include "tst_openairesponsesflavor.moc"
