// The endpoint's "server_metrics" object (issue 12): absent means disabled and is not written,
// every field round-trips, every number has its bound, and a literal key, a URL with
// credentials or a name that is no metric name is refused with the field's path.

#include "profile/profileio.h"
#include "profile/servermetricsjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace {
QJsonObject endpointWith(const QJsonObject& serverMetrics) {
    QJsonObject profile = ProfileIo::toJson(Profile::defaultProfile());
    QJsonArray endpoints = profile.value(QStringLiteral("endpoints")).toArray();
    QJsonObject endpoint = endpoints.at(0).toObject();
    endpoint.insert(QStringLiteral("server_metrics"), serverMetrics);
    endpoints[0] = endpoint;
    profile.insert(QStringLiteral("endpoints"), endpoints);
    return profile;
}
} // namespace

class TestServerMetricsJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void absentMeansDisabledAndIsNotWritten();
    void everyFieldRoundTrips();
    void badFieldsAreRefusedWithTheirPath_data();
    void badFieldsAreRefusedWithTheirPath();
    void metricNames();
};

void TestServerMetricsJson::absentMeansDisabledAndIsNotWritten() {
    const Profile profile = Profile::defaultProfile();
    QVERIFY(!profile.endpoint().serverMetrics.enabled);
    const QJsonObject json = ProfileIo::toJson(profile);
    const QJsonObject endpoint = json.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
    QVERIFY(!endpoint.contains(QStringLiteral("server_metrics")));
    QString error;
    const auto back = ProfileIo::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(ServerMetricsJson::isDefault(back->endpoint().serverMetrics));
}

void TestServerMetricsJson::everyFieldRoundTrips() {
    ServerMetricsConfig config;
    config.enabled = true;
    config.url = QUrl(QStringLiteral("http://10.0.0.5:8001/metrics"));
    config.keySource = ServerMetricsConfig::KeySource::Reference;
    config.keyRef = QStringLiteral("${env:METRICS_KEY}");
    config.verifyTls = false;
    config.intervalMs = 250;
    config.extraNames = {QStringLiteral("vllm:num_requests_swapped"),
                         QStringLiteral("process_resident_memory_bytes")};
    Profile profile = Profile::defaultProfile();
    profile.endpoints[0].serverMetrics = config;
    QString error;
    const auto back = ProfileIo::fromJson(ProfileIo::toJson(profile), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->endpoint().serverMetrics, config);

    config.keySource = ServerMetricsConfig::KeySource::Same;
    config.keyRef.clear();
    config.url = QUrl();
    ServerMetricsConfig parsed;
    QVERIFY2(ServerMetricsJson::fromJson(ServerMetricsJson::toJson(config), QStringLiteral("x"),
                                         &parsed, &error),
             qPrintable(error));
    QCOMPARE(parsed, config);
}

void TestServerMetricsJson::badFieldsAreRefusedWithTheirPath_data() {
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("expected");
    const QString base = QStringLiteral("endpoints[0].server_metrics.");
    QTest::newRow("interval below 100 ms")
        << QJsonObject{{QStringLiteral("interval_ms"), 50}} << base + QStringLiteral("interval_ms");
    QTest::newRow("interval above a minute") << QJsonObject{{QStringLiteral("interval_ms"), 60001}}
                                             << base + QStringLiteral("interval_ms");
    QTest::newRow("literal key") << QJsonObject{{QStringLiteral("key"), QStringLiteral("sk-abc")}}
                                 << base + QStringLiteral("key");
    QTest::newRow("not http") << QJsonObject{{QStringLiteral("url"),
                                              QStringLiteral("ftp://host/metrics")}}
                              << base + QStringLiteral("url");
    QTest::newRow("credentials in the URL")
        << QJsonObject{{QStringLiteral("url"), QStringLiteral("http://u:p@host/metrics")}}
        << base + QStringLiteral("url");
    QTest::newRow("not a metric name")
        << QJsonObject{{QStringLiteral("extra"), QJsonArray{QStringLiteral("9lives")}}}
        << base + QStringLiteral("extra[0]");
    QJsonArray tooMany;
    for (int i = 0; i <= ServerMetricsConfig::kMaxExtraNames; ++i)
        tooMany.append(QStringLiteral("m%1").arg(i));
    QTest::newRow("too many names")
        << QJsonObject{{QStringLiteral("extra"), tooMany}} << base + QStringLiteral("extra");
    QTest::newRow("unknown field") << QJsonObject{{QStringLiteral("intervall_ms"), 500}}
                                   << base + QStringLiteral("intervall_ms");
}

void TestServerMetricsJson::badFieldsAreRefusedWithTheirPath() {
    QFETCH(QJsonObject, object);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!ProfileIo::fromJson(endpointWith(object), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("sk-abc")), qPrintable(error));
}

void TestServerMetricsJson::metricNames() {
    QVERIFY(ServerMetricsJson::isMetricName(QStringLiteral("vllm:num_requests_running")));
    QVERIFY(ServerMetricsJson::isMetricName(QStringLiteral("_x9")));
    QVERIFY(!ServerMetricsJson::isMetricName(QString()));
    QVERIFY(!ServerMetricsJson::isMetricName(QStringLiteral("a-b")));
    QVERIFY(!ServerMetricsJson::isMetricName(QStringLiteral("a{b}")));
    QVERIFY(!ServerMetricsJson::isMetricName(QString(201, u'a')));
}

QTEST_GUILESS_MAIN(TestServerMetricsJson)
#include "tst_servermetricsjson.moc"
