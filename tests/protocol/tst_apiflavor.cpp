#include "apiflavor.h"
#include "endpointconfig.h"

#include <QTest>

class TestApiFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ids();
    void create_data();
    void create();
    void unknown();
};

void TestApiFlavor::ids() {
    QCOMPARE(ApiFlavor::ids(),
             (QStringList{QStringLiteral("openai-chat"), QStringLiteral("openai-completions"),
                          QStringLiteral("databricks"), QStringLiteral("azure-openai")}));
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
    QCOMPARE(request.rawHeader("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(request.rawHeader("Accept-Encoding"), QByteArray("identity"));
    QVERIFY(request.rawHeader("Authorization") == "Bearer key" ||
            request.rawHeader("api-key") == "key");
    QVERIFY(flavor->decodePayload("[DONE]").done);
    QVERIFY(flavor->decodePayload("garbage").malformed);
}

void TestApiFlavor::unknown() {
    QVERIFY(!ApiFlavor::create(QStringLiteral("grpc")));
    QVERIFY(!ApiFlavor::create(QString()));
}

QTEST_GUILESS_MAIN(TestApiFlavor)
#include "tst_apiflavor.moc"
