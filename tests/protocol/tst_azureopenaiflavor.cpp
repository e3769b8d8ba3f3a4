#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/azureopenaiflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

class TestAzureOpenAiFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void headersAndBody();
};

void TestAzureOpenAiFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("modelInBody");
    const QString res = QStringLiteral("https://res.openai.azure.com");
    QTest::newRow("resource")
        << res << "2024-06-01"
        << res + u"/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01" << false;
    QTest::newRow("resource slash default version")
        << res + u"/" << ""
        << res + u"/openai/deployments/gpt4o/chat/completions?api-version=" +
               AzureOpenAiFlavor::defaultApiVersion()
        << false;
    QTest::newRow("openai suffix")
        << res + u"/openai" << "v"
        << res + u"/openai/deployments/gpt4o/chat/completions?api-version=v" << false;
    QTest::newRow("full url keeps its version")
        << res + u"/openai/deployments/other/chat/completions?api-version=2023-05-15" << "x"
        << res + u"/openai/deployments/other/chat/completions?api-version=2023-05-15" << false;
    QTest::newRow("full url gets a version")
        << res + u"/openai/deployments/other/chat/completions" << "2024-06-01"
        << res + u"/openai/deployments/other/chat/completions?api-version=2024-06-01" << false;
    QTest::newRow("v1 api") << res + u"/openai/v1/" << "" << res + u"/openai/v1/chat/completions"
                            << true;
}

void TestAzureOpenAiFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, version);
    QFETCH(QString, expected);
    QFETCH(bool, modelInBody);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    endpoint.model = QStringLiteral("gpt4o");
    endpoint.apiVersion = version;
    AzureOpenAiFlavor flavor;
    QCOMPARE(flavor.buildRequest(endpoint, QString()).url().toString(), expected);
    QCOMPARE(parse(flavor.buildBody(endpoint, Prompt(), 5)).contains(u"model"), modelInBody);
}

void TestAzureOpenAiFlavor::headersAndBody() {
    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("https://res.openai.azure.com"));
    endpoint.model = QStringLiteral("dep");
    AzureOpenAiFlavor flavor;
    const QNetworkRequest request = flavor.buildRequest(endpoint, QStringLiteral("azkey"));
    QCOMPARE(header(request, "api-key"), QByteArray("azkey"));
    QVERIFY(!request.hasRawHeader("Authorization"));
    QCOMPARE(header(request, "Accept"), QByteArray("text/event-stream"));
    Prompt prompt;
    prompt.text = QStringLiteral("x");
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 9));
    QVERIFY(!body.contains(u"model"));
    QCOMPARE(body.value(u"messages").toArray().size(), 1);
    QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 9);
}

QTEST_GUILESS_MAIN(TestAzureOpenAiFlavor)
#include "tst_azureopenaiflavor.moc"
