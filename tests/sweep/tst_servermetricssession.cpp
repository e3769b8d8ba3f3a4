// The server's metrics in a run (issue 12): a level's steady window becomes its server
// figures and the cross-check (flagged above 5%); end to end against the simulator the waiting
// gauge is 0 below max_batch and grows past it and the cross-check agrees within 2%; a metrics
// URL that refuses or hangs gives one notice and leaves the benchmark's figures as they are.

#include "loadtestsupport.h"
#include "results/journalreader.h"
#include "sweep/servermetricssession.h"

#include <QTcpServer>
#include <QTemporaryDir>

namespace {
RecognizedMetrics vllmScrape(double running, double waiting, double kv, double generated) {
    RecognizedMetrics metrics;
    metrics.engine = ServerEngine::Vllm;
    metrics.values[ServerMetric::Running] = running;
    metrics.values[ServerMetric::Waiting] = waiting;
    metrics.values[ServerMetric::KvUsage] = kv;
    metrics.values[ServerMetric::GenerationTokens] = generated;
    return metrics;
}

// A level whose steady window is [1000, 3000] ms and whose client measured `measuredTps`.
LevelSummary levelMeasuring(double measuredTps) {
    LevelSummary level;
    level.index = 0;
    level.windowStartMs = 1000;
    level.windowEndMs = 3000;
    level.outputThroughputTps = measuredTps;
    level.throughputSource = QStringLiteral("steady_window");
    return level;
}

// 100 generated tokens per second, scraped every 500 ms from 0 to 4 s; 4 running, 2 waiting.
ServerMetricsTimeline steadyServer() {
    ServerMetricsTimeline timeline;
    for (int t = 0; t <= 4000; t += 500)
        timeline.add(t, vllmScrape(4, 2, 0.25 + t / 40000.0, t / 10.0));
    return timeline;
}

// The per-level fields a results file shows for the client's own measurement.
QList<double> clientFigures(const LevelSummary& l) {
    return {double(l.requests), double(l.successes), double(l.outputTokens), double(l.inputTokens),
            double(l.errors.size())};
}
} // namespace

class TestServerMetricsSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void figuresComeFromTheSteadyWindow();
    void crossCheckFlagsAboveFivePercent_data();
    void crossCheckFlagsAboveFivePercent();
    void noWindowNoFigures();
    void waitingGrowsPastMaxBatchAndTheCrossCheckAgrees();
    void badMetricsUrlLeavesTheFiguresAlone_data();
    void badMetricsUrlLeavesTheFiguresAlone();
};

void TestServerMetricsSession::figuresComeFromTheSteadyWindow() {
    const ServerLevelFigures f =
        ServerRunMetricsBuilder::figuresFor(steadyServer(), levelMeasuring(100.0));
    QCOMPARE(f.index, 0);
    QVERIFY(f.generationTps);
    QVERIFY(qAbs(*f.generationTps - 100.0) < 1e-9);
    QCOMPARE(f.runningMean, std::optional<double>(4.0));
    QCOMPARE(f.waitingMean, std::optional<double>(2.0));
    QVERIFY(f.kvUsageMax);
    QVERIFY(qAbs(*f.kvUsageMax - 0.325) < 1e-9); // at 3000 ms, not the 0.35 of 4000 ms
    QVERIFY(!f.promptTps);                       // not reported: absent, not 0
    QVERIFY(!f.preemptions);
    QVERIFY(f.crossCheckDifference);
    QVERIFY(qAbs(*f.crossCheckDifference) < 1e-9);
    QVERIFY(!f.crossCheckFlagged);
}

void TestServerMetricsSession::crossCheckFlagsAboveFivePercent_data() {
    QTest::addColumn<double>("measured");
    QTest::addColumn<bool>("flagged");
    QTest::newRow("server 4.8% above") << 95.4 << false;
    QTest::newRow("server 4.8% below") << 105.0 << false;
    QTest::newRow("server 11% above: lost tokens?") << 90.0 << true;
    QTest::newRow("server 9% below: another client?") << 110.0 << true;
}

void TestServerMetricsSession::crossCheckFlagsAboveFivePercent() {
    QFETCH(double, measured);
    QFETCH(bool, flagged);
    const ServerLevelFigures f =
        ServerRunMetricsBuilder::figuresFor(steadyServer(), levelMeasuring(measured));
    QCOMPARE(f.crossCheckFlagged, flagged);
    QVERIFY(qAbs(*f.crossCheckDifference - (100.0 - measured) / measured) < 1e-9);
    if (flagged) {
        QVERIFY2(f.crossCheckNote.startsWith(QStringLiteral("server 100 tok/s vs measured")),
                 qPrintable(f.crossCheckNote));
        QVERIFY(!f.crossCheckNote.contains(u'\n'));
    }
}

void TestServerMetricsSession::noWindowNoFigures() {
    LevelSummary level = levelMeasuring(100.0);
    level.windowStartMs = LevelSummary::nan;
    ServerLevelFigures f = ServerRunMetricsBuilder::figuresFor(steadyServer(), level);
    QVERIFY(f.isEmpty());
    QVERIFY(!f.crossCheckFlagged);
    QVERIFY(!f.crossCheckNote.isEmpty());

    level = levelMeasuring(100.0);
    level.throughputSource = QStringLiteral("wall_time"); // another window than the server's
    f = ServerRunMetricsBuilder::figuresFor(steadyServer(), level);
    QVERIFY(f.generationTps);
    QVERIFY(!f.crossCheckDifference);
    QVERIFY(!f.crossCheckFlagged);
    QVERIFY(f.crossCheckNote.startsWith(QStringLiteral("no cross-check")));
}

void TestServerMetricsSession::waitingGrowsPastMaxBatchAndTheCrossCheckAgrees() {
    SimConfig config = LoadTest::fastSim();
    config.maxBatch = 4;
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {2, 8}, 0, 20);
    profile.plan.requestsPerLevel = 0;
    profile.plan.durationPerLevelS = 3.0;
    profile.endpoints[0].serverMetrics.enabled = true; // the default URL: the sim's /metrics
    profile.endpoints[0].serverMetrics.intervalMs = 100;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString journalPath = dir.filePath(QStringLiteral("run.journal.jsonl"));
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setJournalPath(journalPath);
    runner.setEngineOptions(LoadTest::quickOptions());
    QStringList notices;
    connect(&runner, &SweepRunner::notice, this, [&](const QString& text) { notices << text; });
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 60000, &result));
    const ServerRunMetrics& server = result.serverMetrics;
    QVERIFY(server.enabled);
    QVERIFY2(server.warnings.isEmpty(), qPrintable(notices.join(u'\n')));
    QCOMPARE(server.engine, QStringLiteral("vLLM"));
    QVERIFY2(server.scrapes >= 20, qPrintable(QString::number(server.scrapes)));
    QCOMPARE(server.levels.size(), 2);
    QVERIFY(!server.series.at(QStringLiteral("waiting")).isEmpty());

    const ServerLevelFigures* below = server.level(0);
    const ServerLevelFigures* beyond = server.level(1);
    QVERIFY(below && beyond);
    QVERIFY(below->waitingMean && beyond->waitingMean && below->runningMean && beyond->runningMean);
    // 2 in flight, 4 slots: nobody waits but for the step boundary a new request is admitted at
    // (a scrape now and then catches one there).
    QVERIFY2(*below->waitingMean < 0.25, qPrintable(QString::number(*below->waitingMean)));
    QVERIFY2(qAbs(*below->runningMean - 2.0) < 0.5,
             qPrintable(QString::number(*below->runningMean)));
    QVERIFY2(*beyond->waitingMean > 2.0, qPrintable(QString::number(*beyond->waitingMean)));
    QVERIFY2(*beyond->runningMean > 3.5, qPrintable(QString::number(*beyond->runningMean)));
    for (const ServerLevelFigures* level : {below, beyond}) {
        QVERIFY2(level->crossCheckDifference, qPrintable(level->crossCheckNote));
        QVERIFY2(qAbs(*level->crossCheckDifference) < 0.02,
                 qPrintable(QString::number(*level->crossCheckDifference)));
        QVERIFY(!level->crossCheckFlagged);
    }

    // Recovery from the journal gives the same server figures from the same scrapes.
    QString error;
    const auto recovered = JournalReader::read(journalPath, &error);
    QVERIFY2(recovered, qPrintable(error));
    const ServerRunMetrics& replayed = recovered->serverMetrics;
    QVERIFY(replayed.enabled);
    QCOMPARE(replayed.engine, server.engine);
    QCOMPARE(replayed.url, server.url);
    QVERIFY(replayed.scrapes >= server.scrapes - 2); // the last may come after the journal closed
    QCOMPARE(replayed.levels.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const ServerLevelFigures* live = server.level(i);
        const ServerLevelFigures* again = replayed.level(i);
        QVERIFY(again && again->waitingMean && again->runningMean && again->generationTps);
        QCOMPARE(*again->waitingMean, *live->waitingMean);
        QCOMPARE(*again->runningMean, *live->runningMean);
        QVERIFY(qAbs(*again->generationTps / *live->generationTps - 1.0) < 0.01);
    }
}

void TestServerMetricsSession::badMetricsUrlLeavesTheFiguresAlone_data() {
    QTest::addColumn<bool>("hang");
    QTest::addColumn<QString>("kind");
    QTest::newRow("refused") << false << QStringLiteral("refused");
    QTest::newRow("hanging") << true << QStringLiteral("timeout");
}

void TestServerMetricsSession::badMetricsUrlLeavesTheFiguresAlone() {
    QFETCH(bool, hang);
    QFETCH(QString, kind);
    // Listening but never reading: connections are accepted by the kernel, nothing answers.
    QTcpServer metrics;
    QVERIFY(metrics.listen(QHostAddress::LocalHost, 0));
    const QUrl metricsUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metrics.serverPort()));
    if (!hang)
        metrics.close(); // nothing listens there now: refused

    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    QList<QList<double>> figures;
    QStringList serverNotices;
    for (bool scrape : {false, true}) {
        Profile profile = LoadTest::profileFor(sim->baseUrl(), {1, 4}, 24, 8);
        profile.endpoints[0].serverMetrics.enabled = scrape;
        profile.endpoints[0].serverMetrics.url = metricsUrl;
        profile.endpoints[0].serverMetrics.intervalMs = 100;
        SweepRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        connect(&runner, &SweepRunner::notice, this, [&](const QString& text) {
            if (text.startsWith(QStringLiteral("server metrics")))
                serverNotices << text;
        });
        RunResult result;
        QVERIFY(LoadTest::runToEnd(runner, 60000, &result));
        QCOMPARE(result.serverMetrics.enabled, scrape);
        QCOMPARE(result.summary.levels.size(), 2);
        QList<double> run;
        for (const LevelSummary& level : std::as_const(result.summary.levels)) {
            run += clientFigures(level);
            QVERIFY(std::isfinite(level.outputThroughputTps) && level.outputThroughputTps > 0);
        }
        figures.append(run);
        if (scrape) {
            QCOMPARE(result.serverMetrics.warnings.size(), 1);
            QCOMPARE(result.serverMetrics.warnings.at(0).kind, kind);
            QCOMPARE(result.serverMetrics.scrapes, 0);
            for (const ServerLevelFigures& level : result.serverMetrics.levels) {
                QVERIFY(level.isEmpty());
                QVERIFY(!level.crossCheckFlagged);
            }
        }
    }
    QCOMPARE(figures.at(1), figures.at(0));
    QCOMPARE(serverNotices.size(), 1); // once, however many scrapes failed
}

QTEST_GUILESS_MAIN(TestServerMetricsSession)
#include "tst_servermetricssession.moc"
