// RunContinuation: a level measured after a run (an interleaved run's next level, Refine) joins
// the run with its server figures (issue 12's /metrics): renumbered as its records are, its
// scrape series moved to the run's clock.
#include "results/runcontinuation.h"

#include <QTest>

namespace {
constexpr qint64 kSecond = 1'000'000'000;

// A one-level run started at `startNs` that scraped the server's metrics.
RunResult oneLevelRun(qint64 startNs, double serverTps, int scrapes) {
    RunResult run;
    run.runStartNs = startNs;
    LevelRunInfo info;
    info.index = 0;
    info.concurrency = 2;
    info.startNs = startNs;
    info.issueStopNs = startNs + kSecond;
    info.endNs = startNs + 2 * kSecond;
    info.complete = true;
    run.levels.append(info);
    LevelSummary summary; // as the run's own summary has it (records: none needed here)
    summary.index = 0;
    summary.concurrency = 2;
    run.summary.levels.append(summary);
    ServerRunMetrics& metrics = run.serverMetrics;
    metrics.enabled = true;
    metrics.url = QStringLiteral("http://127.0.0.1:8080/metrics");
    metrics.engine = QStringLiteral("llama.cpp");
    metrics.intervalMs = 500;
    metrics.scrapes = scrapes;
    metrics.sourceNames[QStringLiteral("generation_tokens")] =
        QStringLiteral("llamacpp:tokens_predicted_total");
    metrics.series[QStringLiteral("generation_tokens_per_s")] = {{500, serverTps},
                                                                 {1000, serverTps}};
    ServerLevelFigures figures;
    figures.index = 0;
    figures.generationTps = serverTps;
    metrics.levels.append(figures);
    return run;
}
} // namespace

class TestRunContinuation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void serverMetricsJoin();
    void serverMetricsOnlyInTheContinuation();
};

void TestRunContinuation::serverMetricsJoin() {
    RunResult run = oneLevelRun(10 * kSecond, 600.0, 5);
    const RunResult more = oneLevelRun(13 * kSecond, 700.0, 4); // 3 s after the run started
    QString error;
    QVERIFY2(RunContinuation::append(run, more, &error), qPrintable(error));
    QCOMPARE(run.levels.size(), 2);
    const ServerRunMetrics& m = run.serverMetrics;
    QCOMPARE(m.engine, QStringLiteral("llama.cpp"));
    QCOMPARE(m.scrapes, 9);
    QCOMPARE(m.levels.size(), 2);
    QVERIFY(m.level(0) && m.level(1));
    QCOMPARE(*m.level(0)->generationTps, 600.0);
    QCOMPARE(*m.level(1)->generationTps, 700.0);
    const ServerRunMetrics::Series expected = {
        {500, 600.0}, {1000, 600.0}, {3500, 700.0}, {4000, 700.0}};
    QCOMPARE(m.series.at(QStringLiteral("generation_tokens_per_s")), expected);
}

void TestRunContinuation::serverMetricsOnlyInTheContinuation() {
    // The run scraped nothing (its metrics URL failed, or it had none): the continuation's
    // figures still count, under its engine.
    RunResult run = oneLevelRun(10 * kSecond, 600.0, 5);
    run.serverMetrics = ServerRunMetrics();
    const RunResult more = oneLevelRun(13 * kSecond, 700.0, 4);
    QString error;
    QVERIFY2(RunContinuation::append(run, more, &error), qPrintable(error));
    const ServerRunMetrics& m = run.serverMetrics;
    QVERIFY(m.enabled);
    QCOMPARE(m.engine, QStringLiteral("llama.cpp"));
    QCOMPARE(m.scrapes, 4);
    QVERIFY(!m.level(0));
    QVERIFY(m.level(1));
    QCOMPARE(m.sourceNames.at(QStringLiteral("generation_tokens")),
             QStringLiteral("llamacpp:tokens_predicted_total"));
}

QTEST_GUILESS_MAIN(TestRunContinuation)
#include "tst_runcontinuation.moc"
