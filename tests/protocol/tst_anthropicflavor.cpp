#include "flavorfixture.h"
#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/anthropicflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

namespace {
QByteArray sseEvent(const QByteArray& type, const QByteArray& json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
}

// As the API streams it (docs.anthropic.com, "Streaming Messages"), thinking first.
QByteArray fullStream() {
    return sseEvent(
               "message_start",
               R"({"type":"message_start","message":{"id":"msg_1","type":"message",)"
               R"("role":"assistant","content":[],"model":"claude","stop_reason":null,)"
               R"("usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}})") +
           sseEvent("content_block_start",
                    R"({"type":"content_block_start","index":0,)"
                    R"("content_block":{"type":"thinking","thinking":""}})") +
           sseEvent("ping", R"({"type": "ping"})") +
           sseEvent("content_block_delta",
                    R"({"type":"content_block_delta","index":0,)"
                    R"("delta":{"type":"thinking_delta","thinking":"Hmm"}})") +
           sseEvent("content_block_delta",
                    R"({"type":"content_block_delta","index":0,)"
                    R"("delta":{"type":"signature_delta","signature":"x"}})") +
           sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0})") +
           sseEvent("content_block_start", R"({"type":"content_block_start","index":1,)"
                                           R"("content_block":{"type":"text","text":""}})") +
           sseEvent("content_block_delta", R"({"type":"content_block_delta","index":1,)"
                                           R"("delta":{"type":"text_delta","text":"Hello"}})") +
           sseEvent("content_block_delta", R"({"type":"content_block_delta","index":1,)"
                                           R"("delta":{"type":"text_delta","text":" there"}})") +
           sseEvent("content_block_stop", R"({"type":"content_block_stop","index":1})") +
           sseEvent("message_delta",
                    R"({"type":"message_delta","delta":{"stop_reason":"max_tokens",)"
                    R"("stop_sequence":null},"usage":{"output_tokens":3}})") +
           sseEvent("message_stop", R"({"type":"message_stop"})");
}
} // namespace

class TestAnthropicFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void headers();
    void body();
    void streamSplitAnywhere();
    void usageMissing();
    void errorEvent_data();
    void errorEvent();
    void httpErrorBody();
    void cutBeforeStop();
    void notAnthropicStream();
    void registered();
};

void TestAnthropicFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host") << "http://h:8080"
                          << "http://h:8080/v1/messages";
    QTest::newRow("host slash") << "http://h:8080/"
                                << "http://h:8080/v1/messages";
    QTest::newRow("v1") << "https://api.anthropic.com/v1"
                        << "https://api.anthropic.com/v1/messages";
    QTest::newRow("full") << "http://h/v1/messages"
                          << "http://h/v1/messages";
    QTest::newRow("gateway") << "https://g/serving-endpoints/anthropic"
                             << "https://g/serving-endpoints/anthropic/v1/messages";
}

void TestAnthropicFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    QCOMPARE(AnthropicFlavor().buildRequest(endpoint, QString()).url().toString(), expected);
}

void TestAnthropicFlavor::headers() {
    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("https://api.anthropic.com"));
    const AnthropicFlavor flavor;
    QNetworkRequest request = flavor.buildRequest(endpoint, QStringLiteral("sk-ant-1"));
    QCOMPARE(header(request, "x-api-key"), QByteArray("sk-ant-1"));
    QVERIFY(!request.hasRawHeader("Authorization"));
    QCOMPARE(header(request, "anthropic-version"), QByteArray("2023-06-01"));
    QCOMPARE(header(request, "Accept-Encoding"), QByteArray("identity"));
    // The endpoint's own version header wins.
    endpoint.headers.append({QStringLiteral("anthropic-version"), QStringLiteral("2099-01-01")});
    request = flavor.buildRequest(endpoint, QString());
    QCOMPARE(header(request, "anthropic-version"), QByteArray("2099-01-01"));
    QVERIFY(!request.hasRawHeader("x-api-key"));
}

void TestAnthropicFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("claude-x");
    endpoint.forceExactOutput = true; // not supported: nothing is added
    endpoint.extraBody = QJsonObject{{QStringLiteral("temperature"), 0}};
    Prompt prompt;
    prompt.messages =
        QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                               {QStringLiteral("content"), QStringLiteral("Be brief.")}},
                   QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                               {QStringLiteral("content"), QStringLiteral("Hi")}}};
    const AnthropicFlavor flavor;
    QVERIFY(!flavor.supportsExactOutput());
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 64));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("claude-x"));
    QCOMPARE(body.value(u"max_tokens").toInt(), 64);
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"system").toString(), QStringLiteral("Be brief."));
    const QJsonArray messages = body.value(u"messages").toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].toObject().value(u"role").toString(), QStringLiteral("user"));
    QVERIFY(!body.contains(u"stream_options")); // OpenAI-only: the API refuses unknown fields
    QVERIFY(!body.contains(u"ignore_eos"));
    QVERIFY(!body.contains(u"min_tokens"));
    QCOMPARE(body.value(u"temperature").toInt(), 0);

    prompt.messages = {};
    prompt.text = QStringLiteral("Hello");
    const QJsonObject plain = parse(flavor.buildBody(endpoint, prompt, 8));
    QVERIFY(!plain.contains(u"system"));
    QCOMPARE(plain.value(u"messages").toArray().size(), 1);
}

void TestAnthropicFlavor::streamSplitAnywhere() {
    const QByteArray body = fullStream();
    const RequestRecord r = FlavorFixture::runEverySplit(AnthropicFlavor(), body);
    QCOMPARE(r.id, 7);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("length"));
    QCOMPARE(r.outputTokens, 3);
    QCOMPARE(r.outputTokensSource, TokenSource::Usage);
    QCOMPARE(r.inputTokens, 30); // input + cache read
    QCOMPARE(r.inputTokensSource, TokenSource::Usage);
    // Thinking counts for TTFT: the first content is the thinking delta (the 4th event).
    const QList<qsizetype> ends = TrackerTest::eventEnds(body);
    QCOMPARE(r.tFirstEventNs, TrackerRun::arrival(ends[1])); // content_block_start
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(ends[3]));
    QCOMPARE(r.contentEventNs.size(), 3); // thinking + two text deltas, not the signature
    QCOMPARE(r.tLastContentNs, TrackerRun::arrival(ends[10])); // message_delta
    QCOMPARE(r.tEndNs, TrackerRun::arrival(ends[11]));
}

void TestAnthropicFlavor::usageMissing() {
    // A gateway that strips usage: counts come from the events, input stays the estimate.
    const QByteArray body =
        sseEvent("message_start", R"({"type":"message_start","message":{"id":"m"}})") +
        sseEvent("content_block_delta",
                 R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"a"}})") +
        sseEvent("content_block_delta",
                 R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"b"}})") +
        sseEvent("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn"}})");
    const RequestRecord r = FlavorFixture::runEverySplit(AnthropicFlavor(), body);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage)); // stop reason seen, message_stop lost
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QCOMPARE(r.outputTokens, 2);
    QCOMPARE(r.outputTokensSource, TokenSource::Events);
    QCOMPARE(r.inputTokens, 17);
    QCOMPARE(r.inputTokensSource, TokenSource::Estimate);
}

void TestAnthropicFlavor::errorEvent_data() {
    QTest::addColumn<QByteArray>("tail");
    QTest::addColumn<QString>("message");
    QTest::newRow("typed") << sseEvent("error", R"({"type":"error","error":{"type":)"
                                                R"("overloaded_error","message":"Overloaded"}})")
                           << QStringLiteral("Overloaded");
    // The data alone says it (a proxy that drops the event: line).
    QTest::newRow("data only") << QByteArray("data: {\"type\":\"error\",\"error\":{\"type\":"
                                             "\"api_error\",\"message\":\"boom\"}}\n\n")
                               << QStringLiteral("boom");
}

void TestAnthropicFlavor::errorEvent() {
    QFETCH(QByteArray, tail);
    QFETCH(QString, message);
    const QByteArray body =
        sseEvent("content_block_delta",
                 R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"a"}})") +
        tail;
    const RequestRecord r = FlavorFixture::runEverySplit(AnthropicFlavor(), body);
    QCOMPARE(r.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(r.errorMessage.contains(message), qPrintable(r.errorMessage));
    QCOMPARE(r.outputTokens, 1);
}

void TestAnthropicFlavor::httpErrorBody() {
    const QByteArray body = R"({"type":"error","error":{"type":"invalid_request_error",)"
                            R"("message":"max_tokens: Field required"}})";
    const RequestRecord r = TrackerRun::run(AnthropicFlavor(), body, {}, 400, "application/json");
    QCOMPARE(r.error, ErrorClass::Http4xx);
    QCOMPARE(r.errorMessage, QStringLiteral("HTTP 400: max_tokens: Field required"));
}

void TestAnthropicFlavor::cutBeforeStop() {
    // Text but no stop reason: a stream cut short is a failure, never a short success.
    const QByteArray body =
        sseEvent("content_block_delta",
                 R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"a"}})");
    const RequestRecord r = FlavorFixture::runEverySplit(AnthropicFlavor(), body);
    QCOMPARE(r.error, ErrorClass::BadStream);
    const RequestRecord reset = FlavorFixture::runEverySplit(
        AnthropicFlavor(), body, "text/event-stream", QNetworkReply::RemoteHostClosedError);
    QCOMPARE(reset.error, ErrorClass::Reset);
}

void TestAnthropicFlavor::notAnthropicStream() {
    // An OpenAI chunk has no "type": the wrong flavor is named, not silently zero tokens.
    const StreamEvent e =
        AnthropicFlavor().decodePayload(R"({"choices":[{"index":0,"delta":{"content":"hi"}}]})");
    QVERIFY(e.malformed);
    QVERIFY(e.errorMessage.contains(u"Anthropic"));
    QVERIFY(AnthropicFlavor().decodePayload("{not json").malformed);
    const StreamEvent unknown = AnthropicFlavor().decodePayload(R"({"type":"future_event"})");
    QVERIFY(!unknown.malformed && !unknown.hasContent && !unknown.isError);
}

void TestAnthropicFlavor::registered() {
    QVERIFY(ApiFlavor::ids().contains(QStringLiteral("anthropic")));
    const auto flavor = ApiFlavor::create(QStringLiteral("anthropic"));
    QVERIFY(flavor);
    QCOMPARE(flavor->id(), QStringLiteral("anthropic"));
}

QTEST_GUILESS_MAIN(TestAnthropicFlavor)
#include "tst_anthropicflavor.moc"
