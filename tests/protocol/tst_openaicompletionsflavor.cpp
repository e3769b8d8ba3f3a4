#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/openaicompletionsflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

class TestOpenAiCompletionsFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void body();
    void promptFromMessages();
    void decode();
};

void TestOpenAiCompletionsFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << "http://h:8000"
                          << "http://h:8000/v1/completions";
    QTest::newRow("v1") << "http://h/v1/"
                        << "http://h/v1/completions";
    QTest::newRow("full") << "http://h/v1/completions"
                          << "http://h/v1/completions";
    QTest::newRow("chat url") << "http://h/api/v1/chat/completions/"
                              << "http://h/api/v1/completions";
}

void TestOpenAiCompletionsFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    OpenAiCompletionsFlavor flavor;
    const QNetworkRequest request = flavor.buildRequest(endpoint, QStringLiteral("k"));
    QCOMPARE(request.url().toString(), expected);
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer k"));
    QCOMPARE(header(request, "Accept"), QByteArray("text/event-stream"));
}

void TestOpenAiCompletionsFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("m");
    endpoint.forceExactOutput = true;
    Prompt prompt;
    prompt.text = QStringLiteral("Once upon");
    OpenAiCompletionsFlavor flavor;
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 12));
    QCOMPARE(body.value(u"prompt").toString(), QStringLiteral("Once upon"));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("m"));
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 12);
    QCOMPARE(body.value(u"ignore_eos").toBool(), true);
    QCOMPARE(body.value(u"min_tokens").toInt(), 12);
    QVERIFY(!body.contains(u"messages"));
}

void TestOpenAiCompletionsFlavor::promptFromMessages() {
    Prompt prompt;
    prompt.messages = QJsonDocument::fromJson(
                          R"([{"role":"system","content":"A"},{"role":"user","content":"B"}])")
                          .array();
    OpenAiCompletionsFlavor flavor;
    QCOMPARE(parse(flavor.buildBody(EndpointConfig(), prompt, 1)).value(u"prompt").toString(),
             QStringLiteral("A\nB"));
}

void TestOpenAiCompletionsFlavor::decode() {
    OpenAiCompletionsFlavor flavor;
    const StreamEvent event = flavor.decodePayload(
        R"({"choices":[{"text":"isko","index":0,"logprobs":null,"finish_reason":null}],"object":"text_completion"})");
    QVERIFY(event.hasContent && event.hasChoices && !event.roleOnly);
    QCOMPARE(event.text, QStringLiteral("isko"));
}

QTEST_GUILESS_MAIN(TestOpenAiCompletionsFlavor)
#include "tst_openaicompletionsflavor.moc"
