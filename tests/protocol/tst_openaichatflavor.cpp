#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/openaichatflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

class TestOpenAiChatFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void headers();
    void body();
    void bodyWithMessages();
    void extraBodyAndForceExact();
    void decodeSample();
};

void TestOpenAiChatFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << "http://127.0.0.1:8000"
                          << "http://127.0.0.1:8000/v1/chat/completions";
    QTest::newRow("root slash") << "http://h:8000/"
                                << "http://h:8000/v1/chat/completions";
    QTest::newRow("v1") << "https://api.openai.com/v1"
                        << "https://api.openai.com/v1/chat/completions";
    QTest::newRow("v1 slash") << "http://h/v1/"
                              << "http://h/v1/chat/completions";
    QTest::newRow("prefix v1") << "https://api.groq.com/openai/v1"
                               << "https://api.groq.com/openai/v1/chat/completions";
    QTest::newRow("full") << "http://h/x/chat/completions"
                          << "http://h/x/chat/completions";
    QTest::newRow("full slash") << "http://h/v1/chat/completions/"
                                << "http://h/v1/chat/completions/";
    QTest::newRow("proxy path") << "http://h/llm"
                                << "http://h/llm/v1/chat/completions";
    QTest::newRow("completions url") << "http://h:8000/v1/completions?x=1"
                                     << "http://h:8000/v1/chat/completions?x=1";
}

void TestOpenAiChatFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    OpenAiChatFlavor flavor;
    QCOMPARE(flavor.buildRequest(endpoint, QString()).url().toString(), expected);
}

void TestOpenAiChatFlavor::headers() {
    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("http://h/v1"));
    endpoint.headers = {{QStringLiteral("X-Team"), QStringLiteral("perf")},
                        {QStringLiteral("Accept"), QStringLiteral("text/event-stream, */*")}};
    OpenAiChatFlavor flavor;
    const QNetworkRequest request = flavor.buildRequest(endpoint, QStringLiteral("sk-123"));
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer sk-123"));
    QCOMPARE(header(request, "Content-Type"), QByteArray("application/json"));
    QCOMPARE(header(request, "Accept-Encoding"), QByteArray("identity"));
    QCOMPARE(header(request, "X-Team"), QByteArray("perf"));
    // Extra headers come last, so they may override a default.
    QCOMPARE(header(request, "Accept"), QByteArray("text/event-stream, */*"));
    QVERIFY(!request.hasRawHeader("api-key"));
    QCOMPARE(request.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);

    const QNetworkRequest noKey = flavor.buildRequest(endpoint, QString());
    QVERIFY(!noKey.hasRawHeader("Authorization"));
    QCOMPARE(header(noKey, "Accept"), QByteArray("text/event-stream, */*"));

    endpoint.headers.clear();
    endpoint.http2 = true;
    const QNetworkRequest h2 = flavor.buildRequest(endpoint, QString());
    QCOMPARE(header(h2, "Accept"), QByteArray("text/event-stream"));
    QCOMPARE(h2.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), true);
    QCOMPARE(h2.attribute(QNetworkRequest::Http2DirectAttribute).toBool(), true); // cleartext
}

void TestOpenAiChatFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("llama-3");
    Prompt prompt;
    prompt.text = QStringLiteral("Hello there");
    OpenAiChatFlavor flavor;
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 64));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("llama-3"));
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 64);
    const QJsonArray messages = body.value(u"messages").toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(u"role").toString(), QStringLiteral("user"));
    QCOMPARE(messages.first().toObject().value(u"content").toString(), prompt.text);
    QVERIFY(!body.contains(u"ignore_eos"));
    QVERIFY(!body.contains(u"min_tokens"));
    QVERIFY(!body.contains(u"prompt"));
}

void TestOpenAiChatFlavor::bodyWithMessages() {
    Prompt prompt;
    prompt.messages =
        QJsonDocument::fromJson(
            R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}])")
            .array();
    OpenAiChatFlavor flavor;
    const QJsonObject body = parse(flavor.buildBody(EndpointConfig(), prompt, 8));
    QCOMPARE(body.value(u"messages").toArray(), prompt.messages);
}

void TestOpenAiChatFlavor::extraBodyAndForceExact() {
    EndpointConfig endpoint;
    endpoint.forceExactOutput = true;
    endpoint.extraBody =
        QJsonDocument::fromJson(
            R"({"temperature":0.5,"stream_options":{"continuous_usage_stats":true},"min_tokens":3})")
            .object();
    OpenAiChatFlavor flavor;
    const QJsonObject body = parse(flavor.buildBody(endpoint, Prompt(), 100));
    QCOMPARE(body.value(u"ignore_eos").toBool(), true);
    QCOMPARE(body.value(u"min_tokens").toInt(), 3); // extraBody is merged last
    QCOMPARE(body.value(u"temperature").toDouble(), 0.5);
    const QJsonObject options = body.value(u"stream_options").toObject();
    QCOMPARE(options.value(u"include_usage").toBool(), true);
    QCOMPARE(options.value(u"continuous_usage_stats").toBool(), true);

    endpoint.extraBody = QJsonDocument::fromJson(R"({"stream_options":null})").object();
    QVERIFY(!parse(flavor.buildBody(endpoint, Prompt(), 100)).contains(u"stream_options"));
    endpoint.extraBody = QJsonObject();
    QCOMPARE(parse(flavor.buildBody(endpoint, Prompt(), 100)).value(u"min_tokens").toInt(), 100);
}

void TestOpenAiChatFlavor::decodeSample() {
    OpenAiChatFlavor flavor;
    const StreamEvent event = flavor.decodePayload(
        R"({"choices":[{"finish_reason":null,"index":0,"delta":{"content":"processing"}}],"object":"chat.completion.chunk"})");
    QVERIFY(event.hasContent);
    QCOMPARE(event.text, QStringLiteral("processing"));
}

QTEST_GUILESS_MAIN(TestOpenAiChatFlavor)
#include "tst_openaichatflavor.moc"
