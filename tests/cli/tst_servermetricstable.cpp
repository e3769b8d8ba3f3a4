// plateau-cli's side of the server's metrics (issue 12): --server-metrics with and without a
// URL, and the lines below the summary table ("srv run/wait/kv", the cross-check flag, the
// scrape warnings, escaped).

#include "cli/clioptions.h"
#include "cli/helptext.h"
#include "cli/servermetricstable.h"
#include "cli/summarytable.h"

#include <QTest>

namespace {
RunResult resultWithServer() {
    RunResult result;
    for (int i = 0; i < 2; ++i) {
        LevelSummary level;
        level.index = i;
        level.concurrency = i == 0 ? 4 : 64;
        level.complete = true;
        result.summary.levels.append(level);
    }
    ServerRunMetrics& server = result.serverMetrics;
    server.enabled = true;
    server.url = QStringLiteral("http://127.0.0.1:8000/metrics");
    server.engine = QStringLiteral("vLLM");
    server.scrapes = 42;
    ServerLevelFigures low;
    low.index = 0;
    low.runningMean = 4.0;
    low.waitingMean = 0.0;
    low.kvUsageMax = 0.12;
    low.generationTps = 1000.0;
    low.crossCheckDifference = 0.004;
    ServerLevelFigures high;
    high.index = 1;
    high.runningMean = 32.0;
    high.waitingMean = 31.5;
    high.generationTps = 5200.0;
    high.crossCheckDifference = 0.3;
    high.crossCheckFlagged = true;
    high.crossCheckNote = QStringLiteral("server 5,200 tok/s vs measured 4,000 tok/s (+30.0%)");
    server.levels = {low, high};
    server.warnings.append({QStringLiteral("garbage"), QStringLiteral("bad line \x1b[31m")});
    return result;
}
} // namespace

class TestServerMetricsTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bareFlagMeansTheDefaultUrl();
    void flagWithUrl_data();
    void flagWithUrl();
    void badUrlIsRefused_data();
    void badUrlIsRefused();
    void linesPerLevel();
    void nothingWhenNotScraped();
    void intervalFlag_data();
    void intervalFlag();
};

void TestServerMetricsTable::intervalFlag_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("intervalMs"); // -1: refused
    QTest::addColumn<QString>("error");
    const QString flag = QStringLiteral("--server-metrics-interval");
    const QString metrics = QStringLiteral("--server-metrics");
    QTest::newRow("default") << QStringList{metrics} << 1000 << QString();
    QTest::newRow("250") << QStringList{metrics, flag, QStringLiteral("250")} << 250 << QString();
    QTest::newRow("lowest") << QStringList{flag + QStringLiteral("=100"), metrics} << 100
                            << QString();
    QTest::newRow("highest") << QStringList{metrics, flag, QStringLiteral("60000")} << 60000
                             << QString();
    QTest::newRow("too often") << QStringList{metrics, flag, QStringLiteral("99")} << -1
                               << QStringLiteral("100 to 60000 ms");
    QTest::newRow("too rare") << QStringList{metrics, flag, QStringLiteral("60001")} << -1
                              << QStringLiteral("100 to 60000 ms");
    QTest::newRow("not a number") << QStringList{metrics, flag, QStringLiteral("1s")} << -1
                                  << QStringLiteral("not a whole number");
    QTest::newRow("fraction") << QStringList{metrics, flag, QStringLiteral("250.5")} << -1
                              << QStringLiteral("not a whole number");
    QTest::newRow("without metrics") << QStringList{flag, QStringLiteral("500")} << -1
                                     << QStringLiteral("needs --server-metrics");
}

// --server-metrics-interval MS: bounded like the profile's interval_ms, and refused rather
// than ignored when nothing is scraped.
void TestServerMetricsTable::intervalFlag() {
    QFETCH(QStringList, args);
    QFETCH(int, intervalMs);
    QFETCH(QString, error);
    QString message;
    const auto inv = CliOptions::parseRun(args, &message);
    if (intervalMs < 0) {
        QVERIFY(!inv);
        QVERIFY2(message.startsWith(QStringLiteral("--server-metrics-interval: ")),
                 qPrintable(message));
        QVERIFY2(message.contains(error), qPrintable(message));
        return;
    }
    QVERIFY2(inv, qPrintable(message));
    QCOMPARE(inv->profile.endpoint().serverMetrics.intervalMs, intervalMs);
    QVERIFY(HelpText::run().contains(QStringLiteral("--server-metrics-interval MS")));
}

void TestServerMetricsTable::bareFlagMeansTheDefaultUrl() {
    QString error;
    auto inv = CliOptions::parseRun({QStringLiteral("--server-metrics")}, &error);
    QVERIFY2(inv, qPrintable(error));
    QVERIFY(inv->profile.endpoint().serverMetrics.enabled);
    QVERIFY(inv->profile.endpoint().serverMetrics.url.isEmpty());
    inv = CliOptions::parseRun({}, &error);
    QVERIFY(!inv->profile.endpoint().serverMetrics.enabled);
    // A bare flag before other options does not swallow them.
    inv = CliOptions::parseRun(
        {QStringLiteral("--server-metrics"), QStringLiteral("-c"), QStringLiteral("1,2")}, &error);
    QVERIFY2(inv, qPrintable(error));
    QVERIFY(inv->profile.endpoint().serverMetrics.enabled);
    QCOMPARE(inv->profile.plan.concurrencies, QList<int>({1, 2}));
}

void TestServerMetricsTable::flagWithUrl_data() {
    QTest::addColumn<QStringList>("args");
    const QString url = QStringLiteral("http://127.0.0.1:8001/metrics");
    QTest::newRow("separate") << QStringList{QStringLiteral("--server-metrics"), url};
    QTest::newRow("equals") << QStringList{QStringLiteral("--server-metrics=") + url};
    QTest::newRow("after -c") << QStringList{QStringLiteral("-c"), QStringLiteral("4"),
                                             QStringLiteral("--server-metrics"), url};
}

void TestServerMetricsTable::flagWithUrl() {
    QFETCH(QStringList, args);
    QString error;
    const auto inv = CliOptions::parseRun(args, &error);
    QVERIFY2(inv, qPrintable(error));
    QVERIFY(inv->profile.endpoint().serverMetrics.enabled);
    QCOMPARE(inv->profile.endpoint().serverMetrics.url,
             QUrl(QStringLiteral("http://127.0.0.1:8001/metrics")));
}

void TestServerMetricsTable::badUrlIsRefused_data() {
    QTest::addColumn<QString>("url");
    QTest::newRow("no scheme") << QStringLiteral("--server-metrics=localhost:8001");
    QTest::newRow("ftp") << QStringLiteral("--server-metrics=ftp://h/metrics");
    QTest::newRow("credentials") << QStringLiteral("--server-metrics=http://u:secret@h/metrics");
}

void TestServerMetricsTable::badUrlIsRefused() {
    QFETCH(QString, url);
    QString error;
    QVERIFY(!CliOptions::parseRun({url}, &error));
    QVERIFY2(error.startsWith(QStringLiteral("--server-metrics")), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("secret")));
}

void TestServerMetricsTable::linesPerLevel() {
    const QString text = ServerMetricsTable::render(resultWithServer());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0),
             QStringLiteral("Server metrics (vLLM at http://127.0.0.1:8000/metrics, 42 "
                            "scrapes):"));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("  warning: bad line ")),
             qPrintable(lines.at(1)));
    QVERIFY(!text.contains(QChar(0x1b))); // escaped, never obeyed
    QVERIFY2(lines.at(2).contains(QStringLiteral("c=4   srv run/wait/kv 4.0/0.0/12%")),
             qPrintable(lines.at(2)));
    QVERIFY2(lines.at(2).endsWith(QStringLiteral("srv gen 1,000 tok/s  cross-check ok (+0.4%)")),
             qPrintable(lines.at(2)));
    QVERIFY2(lines.at(3).contains(QStringLiteral("c=64  srv run/wait/kv 32.0/31.5/-")),
             qPrintable(lines.at(3)));
    QVERIFY2(lines.at(3).contains(QStringLiteral("CROSS-CHECK FLAGGED: server 5,200 tok/s")),
             qPrintable(lines.at(3)));
    QVERIFY(SummaryTable::render(resultWithServer()).endsWith(text));
}

void TestServerMetricsTable::nothingWhenNotScraped() {
    RunResult result = resultWithServer();
    result.serverMetrics = ServerRunMetrics{};
    QVERIFY(ServerMetricsTable::render(result).isEmpty());
    QVERIFY(!SummaryTable::render(result).contains(QStringLiteral("srv")));
}

QTEST_GUILESS_MAIN(TestServerMetricsTable)
#include "tst_servermetricstable.moc"
