#include "loadtestsupport.h"

#include <QTest>

// Refine against the simulator (issue 13): a model whose budget boundary is known. Each
// decode step takes 10 ms + 2 ms per running sequence, so at concurrency c a token comes
// every 10 + 2c ms (a little less: a finished request's slot stays empty for one step until
// its worker's next request is admitted, about one step in 65 with 64-token answers): TPOT
// p50 <= 51 ms holds up to c=20 (~49.4 ms) and breaks from c=21 (~51.4 ms). A coarse sweep
// 4, 8, 16, 32 brackets it; refine must find c=20, give or take one.
class TestRefine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheBudgetBoundaryWithinOneConcurrency() {
        SimConfig config;
        config.maxBatch = 64;
        config.decodeBaseMs = 10.0;
        config.decodePerSeqMs = 2.0;
        config.prefillTokensPerS = 1e6;
        auto sim = LoadTest::startSim(config);
        QVERIFY(sim);
        Profile profile = LoadTest::profileFor(sim->baseUrl(), {4, 8, 16, 32}, 0, 64);
        profile.plan.requestsPerLevel = 0;
        profile.plan.durationPerLevelS = 2.0;
        profile.plan.refine = {true, 6};
        profile.budget.limits = {{LatencyMetric::Tpot, LatencyStat::P50, 51.0}};
        SweepRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        QStringList notices;
        QObject::connect(&runner, &SweepRunner::notice, &runner,
                         [&](const QString& text) { notices.append(text); });
        RunResult result;
        QVERIFY(LoadTest::runToEnd(runner, 180000, &result));
        sim->stop();
        qInfo("%s", qPrintable(notices.join(QStringLiteral("\n"))));

        QList<int> measured;
        QStringList names;
        for (const LevelSummary& level : result.summary.levels) {
            measured.append(level.concurrency);
            names.append(level.label());
        }
        qInfo("levels measured: %s", qPrintable(names.join(QStringLiteral(", "))));
        QVERIFY(measured.size() > 4 && measured.size() <= 10); // the plan's 4 + at most 6
        QCOMPARE(measured.mid(0, 4), (QList<int>{4, 8, 16, 32}));
        // The largest load that met the budget (best in budget picks by throughput, which
        // is nearly flat here).
        int largest = 0;
        for (const LevelSummary& level : result.summary.levels) {
            if (level.withinBudget)
                largest = std::max(largest, level.concurrency);
        }
        QVERIFY2(largest >= 19 && largest <= 21, qPrintable(QString::number(largest)));
        // The search ended because it was done, not because it ran out of levels.
        QVERIFY2(notices.join(u'\n').contains(QStringLiteral("found to one concurrency")),
                 qPrintable(notices.join(u'\n')));
        QCOMPARE(result.stopReason, StopReason::Completed);
    }
};

QTEST_GUILESS_MAIN(TestRefine)
#include "tst_refine.moc"
