#include "editors/connectiontestpanel.h"
#include "sim/simconfig.h"
#include "sim/simulatorthread.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

// The "Test connection" button against real loopback servers: the built-in simulator,
// a simulator that wants a key, and a port nobody listens on.
class TstConnectionTestPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtinSimulatorShowsStatusTtftTokensAndEvents();
    void plainLanguageErrors_data();
    void plainLanguageErrors();
    void unknownSimulatorPresetIsRefused();
    void metricsUrlIsTriedToo();
};

namespace {
// Clicks the button and waits for the answer; returns the result shown.
ConnectionTestResult runTest(ConnectionTestPanel& panel) {
    QSignalSpy done(&panel, &ConnectionTestPanel::testFinished);
    auto* button = panel.findChild<QPushButton*>(u"testConnection"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    if (done.isEmpty() && !done.wait(30000))
        return {};
    return done.first().first().value<ConnectionTestResult>();
}
} // namespace

void TstConnectionTestPanel::builtinSimulatorShowsStatusTtftTokensAndEvents() {
    ConnectionTestPanel panel;
    panel.show();
    panel.setEndpointSource([] { return EndpointConfig{}; }); // sim:default
    const ConnectionTestResult result = runTest(panel);
    QVERIFY2(result.ok, qPrintable(panel.resultText()));
    QVERIFY(!panel.isTesting());
    const QString line = panel.resultText();
    QVERIFY2(line.contains(u"HTTP 200"_s), qPrintable(line));
    QVERIFY2(line.contains(u"TTFT "_s), qPrintable(line));
    QVERIFY2(line.contains(u"%1 tokens"_s.arg(result.outputTokens)), qPrintable(line));
    QVERIFY(result.outputTokens > 0);
    QVERIFY(result.ttftMs >= 0);
    auto* details = panel.findChild<QPlainTextEdit*>(u"testDetails"_s);
    QVERIFY(details->isVisible());
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(u"First events:"_s), qPrintable(text));
    // The first raw events, as the server sent them.
    QVERIFY2(text.contains(u"\"object\":\"chat.completion.chunk\""_s), qPrintable(text));
}

void TstConnectionTestPanel::plainLanguageErrors_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("refused") << u"refused"_s << u"Connection refused"_s;
    QTest::newRow("401") << u"401"_s << u"HTTP 401 Unauthorized"_s;
    QTest::newRow("404") << u"404"_s << u"HTTP 404 Not Found"_s;
}

void TstConnectionTestPanel::plainLanguageErrors() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    std::unique_ptr<SimulatorThread> sim;
    if (kind == u"refused"_s) {
        // A port that was free a moment ago and that nobody listens on now.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        endpoint.url = QUrl(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
        probe.close();
    } else {
        SimConfig config;
        if (kind == u"401"_s)
            config.apiKey = u"sk-test-secret"_s; // the panel sends no key
        sim = std::make_unique<SimulatorThread>(config);
        QString error;
        QVERIFY2(sim->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        endpoint.url = sim->baseUrl();
        if (kind == u"404"_s)
            endpoint.url.setPath(u"/no/such/route/v1/chat/completions"_s);
    }
    ConnectionTestPanel panel;
    panel.show();
    panel.setEndpointSource([endpoint] { return endpoint; });
    const ConnectionTestResult result = runTest(panel);
    QVERIFY(!result.ok);
    const QString line = panel.resultText();
    QVERIFY2(line.startsWith(u"✘ "_s), qPrintable(line));
    QVERIFY2(line.contains(expected), qPrintable(line));
    QVERIFY(!line.contains(u"sk-test-secret"_s));
    QVERIFY(!panel.isTesting());
}

void TstConnectionTestPanel::unknownSimulatorPresetIsRefused() {
    // The same check as a run and `plateau-cli sim --preset`: never the default in its place.
    ConnectionTestPanel panel;
    panel.show();
    panel.setEndpointSource([] {
        EndpointConfig endpoint;
        endpoint.url = QUrl(u"sim:nope"_s);
        return endpoint;
    });
    const ConnectionTestResult result = runTest(panel);
    QVERIFY(!result.ok);
    const QString line = panel.resultText();
    QVERIFY2(line.contains(u"unknown simulator preset \"nope\""_s), qPrintable(line));
    QVERIFY(!panel.isTesting());
}

// Issue 12: with server metrics on, the test also scrapes the metrics URL once and says which
// engine answered (the built-in simulator speaks vLLM's names), or why none did; with metrics
// off there is no metrics line at all.
void TstConnectionTestPanel::metricsUrlIsTriedToo() {
    ConnectionTestPanel panel;
    panel.show();
    EndpointConfig endpoint; // sim:default
    panel.setEndpointSource([&endpoint] { return endpoint; });
    ConnectionTestResult result = runTest(panel);
    QVERIFY(result.ok);
    QVERIFY(!result.metrics);
    QVERIFY2(!panel.resultText().contains(u"metrics:"_s), qPrintable(panel.resultText()));

    endpoint.serverMetrics.enabled = true;
    result = runTest(panel);
    QVERIFY2(result.ok, qPrintable(panel.resultText()));
    QVERIFY(result.metrics);
    const QString line = panel.resultText();
    QVERIFY2(line.contains(u"metrics: vLLM, %1 series"_s.arg(result.metrics->series)),
             qPrintable(line));

    // A metrics key from a variable that is not set: not tried, and said so.
    endpoint.serverMetrics.keySource = ServerMetricsConfig::KeySource::Reference;
    endpoint.serverMetrics.keyRef = u"${env:PLATEAU_TEST_UNSET_METRICS_KEY}"_s;
    result = runTest(panel);
    QVERIFY(result.ok);
    QVERIFY(!result.metrics);
    QVERIFY2(panel.resultText().contains(u"metrics: not checked"_s),
             qPrintable(panel.resultText()));
    QVERIFY2(panel.resultText().contains(u"will run without them"_s),
             qPrintable(panel.resultText()));
}

QTEST_MAIN(TstConnectionTestPanel)
#include "tst_connectiontestpanel.moc"
