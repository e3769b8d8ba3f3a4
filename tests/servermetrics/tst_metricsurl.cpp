// MetricsUrl: the endpoint's origin + /metrics, without credentials, query or fragment.
#include "servermetrics/metricsurl.h"

#include <QTest>

class TestMetricsUrl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultFor_data();
    void defaultFor();
};

void TestMetricsUrl::defaultFor_data() {
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("metrics");
    QTest::newRow("vllm") << QStringLiteral("http://127.0.0.1:8000/v1/chat/completions")
                          << QStringLiteral("http://127.0.0.1:8000/metrics");
    QTest::newRow("https default port") << QStringLiteral("https://api.example.com/v1")
                                        << QStringLiteral("https://api.example.com/metrics");
    QTest::newRow("credentials and query dropped")
        << QStringLiteral("http://user:secret@host:9000/v1/completions?api-version=1#x")
        << QStringLiteral("http://host:9000/metrics");
    QTest::newRow("upper-case scheme")
        << QStringLiteral("HTTP://Host:1/x") << QStringLiteral("http://host:1/metrics");
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:8080/v1")
                          << QStringLiteral("http://[::1]:8080/metrics");
    QTest::newRow("sim preset") << QStringLiteral("sim:default") << QString();
    QTest::newRow("no host") << QStringLiteral("http:///v1") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestMetricsUrl::defaultFor() {
    QFETCH(QString, endpoint);
    QFETCH(QString, metrics);
    const QUrl url = MetricsUrl::defaultFor(QUrl(endpoint));
    QCOMPARE(url.toString(), metrics);
    QCOMPARE(url.isValid(), !metrics.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetricsUrl)
#include "tst_metricsurl.moc"
