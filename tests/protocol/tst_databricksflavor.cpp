#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/databricksflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

class TestDatabricksFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void headers();
};

void TestDatabricksFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("modelInBody");
    const QString ws = QStringLiteral("https://adb-123.4.azuredatabricks.net");
    QTest::newRow("invocations") << ws + u"/serving-endpoints/llama/invocations"
                                 << ws + u"/serving-endpoints/llama/invocations" << false;
    QTest::newRow("endpoint url") << ws + u"/serving-endpoints/llama/"
                                  << ws + u"/serving-endpoints/llama/invocations" << false;
    QTest::newRow("workspace") << ws << ws + u"/serving-endpoints/my-model/invocations" << false;
    QTest::newRow("workspace slash")
        << ws + u"/" << ws + u"/serving-endpoints/my-model/invocations" << false;
    QTest::newRow("openai base") << ws + u"/serving-endpoints"
                                 << ws + u"/serving-endpoints/chat/completions" << true;
    QTest::newRow("openai base slash")
        << ws + u"/serving-endpoints/" << ws + u"/serving-endpoints/chat/completions" << true;
    QTest::newRow("openai full") << ws + u"/serving-endpoints/chat/completions"
                                 << ws + u"/serving-endpoints/chat/completions" << true;
}

void TestDatabricksFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QFETCH(bool, modelInBody);
    EndpointConfig endpoint;
    endpoint.flavor = QStringLiteral("databricks");
    endpoint.url = QUrl(base);
    endpoint.model = QStringLiteral("my-model");
    DatabricksFlavor flavor;
    QCOMPARE(flavor.buildRequest(endpoint, QString()).url().toString(), expected);

    Prompt prompt;
    prompt.text = QStringLiteral("hi");
    const QJsonObject body = parse(flavor.buildBody(endpoint, prompt, 20));
    QCOMPARE(body.contains(u"model"), modelInBody);
    if (modelInBody)
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("my-model"));
    QCOMPARE(body.value(u"messages").toArray().size(), 1); // chat format
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 20);
}

void TestDatabricksFlavor::headers() {
    EndpointConfig endpoint;
    endpoint.url = QUrl(QStringLiteral("https://ws.cloud.databricks.com"));
    DatabricksFlavor flavor;
    const QNetworkRequest request = flavor.buildRequest(endpoint, QStringLiteral("dapi-xyz"));
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer dapi-xyz"));
    QCOMPARE(header(request, "Accept-Encoding"), QByteArray("identity"));
    // Qt 6 would negotiate HTTP/2 over TLS; the endpoint did not ask for it.
    QCOMPARE(request.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
    QVERIFY(!request.attribute(QNetworkRequest::Http2DirectAttribute).toBool());
}

QTEST_GUILESS_MAIN(TestDatabricksFlavor)
#include "tst_databricksflavor.moc"
