// "Test connection" also tries the metrics URL (issue 12): against the simulator (vLLM's
// names) it names the engine and counts the series; a refusing or non-Prometheus metrics URL
// says why and that the benchmark will run without them; the request's own result is untouched.
#include "cannedhttpserver.h"
#include "connectiontestutil.h"
#include "sim/simulatorthread.h"
#include "transport/metricscheck.h"

#include <QTcpServer>
#include <QTest>

using namespace ConnectionTestUtil;

class TestMetricsCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesTheSimulatorsEngine();
    void refusedMetricsUrl();
    void notPrometheusText();
    void withoutMetricsNoCheck();

private:
    static ConnectionTestResult testWithMetrics(const EndpointConfig& endpoint,
                                                const QUrl& metricsUrl);
};

namespace {
EndpointConfig simEndpoint(const SimulatorThread& sim) {
    EndpointConfig endpoint = endpointFor(sim.port());
    endpoint.model = QStringLiteral("plateau-sim");
    endpoint.apiKeyRef.clear();
    return endpoint;
}

// A loopback port nothing listens on: bound by the OS (port 0), then closed.
quint16 closedPort() {
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}
} // namespace

ConnectionTestResult TestMetricsCheck::testWithMetrics(const EndpointConfig& endpoint,
                                                       const QUrl& metricsUrl) {
    ConnectionTester tester;
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    ScraperConfig metrics;
    metrics.url = metricsUrl;
    tester.setMetricsCheck(metrics);
    tester.start(endpoint, {}, 4);
    if (!spy.wait(kWaitMs) && spy.isEmpty())
        return {};
    QTest::qWait(50); // a second finished() would be a bug
    if (spy.size() != 1)
        qWarning("finished() %lld times", qlonglong(spy.size()));
    return spy.size() == 1 ? spy.first().first().value<ConnectionTestResult>()
                           : ConnectionTestResult();
}

void TestMetricsCheck::namesTheSimulatorsEngine() {
    SimulatorThread sim;
    QVERIFY(sim.start());
    const ConnectionTestResult result =
        testWithMetrics(simEndpoint(sim), QUrl(sim.baseUrl().toString() + u"/metrics"));
    QVERIFY2(result.ok, qPrintable(result.plainMessage));
    QVERIFY(result.metrics);
    QVERIFY2(result.metrics->ok, qPrintable(result.metrics->line));
    QCOMPARE(result.metrics->engine, QStringLiteral("vLLM"));
    QVERIFY(result.metrics->series > 5);
    QCOMPARE(result.metrics->line,
             QStringLiteral("metrics: vLLM, %1 series").arg(result.metrics->series));
    QCOMPARE(result.metrics->warningKey, QString());
}

void TestMetricsCheck::refusedMetricsUrl() {
    SimulatorThread sim;
    QVERIFY(sim.start());
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const ConnectionTestResult result = testWithMetrics(
        simEndpoint(sim), QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)));
    QVERIFY2(result.ok, qPrintable(result.plainMessage)); // the request itself worked
    QVERIFY(result.metrics);
    QVERIFY(!result.metrics->ok);
    QCOMPARE(result.metrics->warningKey, QStringLiteral("refused"));
    QVERIFY2(result.metrics->line.startsWith(QStringLiteral("metrics: refused")),
             qPrintable(result.metrics->line));
    QVERIFY2(result.metrics->line.endsWith(QStringLiteral("the benchmark will run without them")),
             qPrintable(result.metrics->line));
}

void TestMetricsCheck::notPrometheusText() {
    SimulatorThread sim;
    QVERIFY(sim.start());
    CannedHttpServer metrics;
    QVERIFY(metrics.listen());
    metrics.setResponse(
        CannedHttpServer::response(200, "OK", "text/html", "<html>login</html>", false));
    const ConnectionTestResult result = testWithMetrics(
        simEndpoint(sim), QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metrics.port())));
    QVERIFY(result.ok);
    QVERIFY(result.metrics);
    QVERIFY(!result.metrics->ok);
    QCOMPARE(result.metrics->warningKey, QStringLiteral("garbage"));
    QVERIFY2(result.metrics->line.contains(QStringLiteral("will run without them")),
             qPrintable(result.metrics->line));
}

void TestMetricsCheck::withoutMetricsNoCheck() {
    SimulatorThread sim;
    QVERIFY(sim.start());
    const ConnectionTestResult result = runTest(simEndpoint(sim), {}, 4);
    QVERIFY(result.ok);
    QVERIFY(!result.metrics);
}

QTEST_GUILESS_MAIN(TestMetricsCheck)
#include "tst_metricscheck.moc"
