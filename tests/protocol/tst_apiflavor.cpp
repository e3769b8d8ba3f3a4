#include "profile/endpointconfig.h"
#include "protocol/apiflavor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestApiFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ids();
    void create_data();
    void create();
    void unknown();
    void exactOutputAndExtras_data();
    void exactOutputAndExtras();
};

void TestApiFlavor::ids() {
    QCOMPARE(ApiFlavor::ids(),
             (QStringList{QStringLiteral("openai-chat"), QStringLiteral("openai-completions"),
                          QStringLiteral("databricks"), QStringLiteral("azure-openai"),
                          QStringLiteral("anthropic"), QStringLiteral("openai-responses"),
                          QStringLiteral("tgi"), QStringLiteral("ollama"),
                          QStringLiteral("openai-embeddings")}));
}

void TestApiFlavor::create_data() {
    QTest::addColumn<QString>("id");
    for (const QString& id : ApiFlavor::ids())
        QTest::newRow(qPrintable(id)) << id;
}

void TestApiFlavor::create() {
    QFETCH(QString, id);
    const std::unique_ptr<ApiFlavor> flavor = ApiFlavor::create(id);
    QVERIFY(flavor);
    QCOMPARE(flavor->id(), id);
    QVERIFY(!flavor->displayName().isEmpty());
    // Every flavor: the common headers, and it decodes the OpenAI chunk shape.
    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("https://example.test"));
    const QNetworkRequest request = flavor->buildRequest(endpoint, QStringLiteral("key"));
    QCOMPARE(request.rawHeader("Content-Type"), QByteArray("application/json"));
    const ApiFlavor::Framing framing = flavor->framing();
    QCOMPARE(request.rawHeader("Accept"),
             framing == ApiFlavor::Framing::Ndjson      ? QByteArray("application/x-ndjson")
             : framing == ApiFlavor::Framing::WholeBody ? QByteArray("application/json")
                                                        : QByteArray("text/event-stream"));
    QCOMPARE(request.rawHeader("Accept-Encoding"), QByteArray("identity"));
    QVERIFY(request.rawHeader("Authorization") == "Bearer key" ||
            request.rawHeader("api-key") == "key" || request.rawHeader("x-api-key") == "key");
    // Every streaming flavor takes a [DONE] (a proxy may append one to any stream) as the
    // end; an answer that is nothing but [DONE] (no stream: embeddings) is not an answer.
    QCOMPARE(flavor->decodePayload("[DONE]").done, framing != ApiFlavor::Framing::WholeBody);
    QCOMPARE(flavor->decodePayload("[DONE]").malformed, framing == ApiFlavor::Framing::WholeBody);
    QVERIFY(flavor->decodePayload("garbage").malformed);
}

void TestApiFlavor::unknown() {
    QVERIFY(!ApiFlavor::create(QStringLiteral("grpc")));
    QVERIFY(!ApiFlavor::create(QString()));
}

void TestApiFlavor::exactOutputAndExtras_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("exact");
    QTest::newRow("openai-chat") << QStringLiteral("openai-chat") << true;
    QTest::newRow("openai-completions") << QStringLiteral("openai-completions") << true;
    // Hosted APIs reject unknown fields with HTTP 400: the option is not sent there.
    QTest::newRow("databricks") << QStringLiteral("databricks") << false;
    QTest::newRow("azure-openai") << QStringLiteral("azure-openai") << false;
}

void TestApiFlavor::exactOutputAndExtras() {
    QFETCH(QString, id);
    QFETCH(bool, exact);
    const std::unique_ptr<ApiFlavor> flavor = ApiFlavor::create(id);
    QVERIFY(flavor);
    QCOMPARE(flavor->supportsExactOutput(), exact);

    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("https://example.test/v1"));
    endpoint.forceExactOutput = true;
    endpoint.headers = {{QStringLiteral("X-Team"), QStringLiteral("perf")},
                        {QStringLiteral("Accept-Encoding"), QStringLiteral("gzip")}};
    endpoint.extraBody =
        QJsonDocument::fromJson(
            R"({"temperature":0,"stream_options":{"continuous_usage_stats":true}})")
            .object();
    Prompt prompt;
    prompt.text = QStringLiteral("hello");
    const QJsonObject body =
        QJsonDocument::fromJson(flavor->buildBody(endpoint, prompt, 64)).object();
    QCOMPARE(body.contains(u"ignore_eos"), exact);
    QCOMPARE(body.contains(u"min_tokens"), exact);
    if (exact) {
        QCOMPARE(body.value(u"ignore_eos").toBool(), true);
        QCOMPARE(body.value(u"min_tokens").toInt(), 64);
    }
    QCOMPARE(body.value(u"max_tokens").toInt(), 64);
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"temperature").toInt(-1), 0);
    // Deep merge: the extra stream_options key joins include_usage instead of replacing it.
    const QJsonObject options = body.value(u"stream_options").toObject();
    QCOMPARE(options.value(u"include_usage").toBool(), true);
    QCOMPARE(options.value(u"continuous_usage_stats").toBool(), true);

    // Extra headers come last, so they may even override Plateau's own.
    const QNetworkRequest request = flavor->buildRequest(endpoint, QString());
    QCOMPARE(request.rawHeader("X-Team"), QByteArray("perf"));
    QCOMPARE(request.rawHeader("Accept-Encoding"), QByteArray("gzip"));

    // The option off: no exact-length fields, whatever the flavor.
    endpoint.forceExactOutput = false;
    const QJsonObject plain =
        QJsonDocument::fromJson(flavor->buildBody(endpoint, prompt, 64)).object();
    QVERIFY(!plain.contains(u"ignore_eos"));
    QVERIFY(!plain.contains(u"min_tokens"));
    // ... and extraBody can still add them by hand for a server known to support them.
    endpoint.extraBody = QJsonObject{{QStringLiteral("ignore_eos"), true}};
    QCOMPARE(QJsonDocument::fromJson(flavor->buildBody(endpoint, prompt, 64))
                 .object()
                 .value(u"ignore_eos")
                 .toBool(),
             true);
}

QTEST_GUILESS_MAIN(TestApiFlavor)
#include "tst_apiflavor.moc"
