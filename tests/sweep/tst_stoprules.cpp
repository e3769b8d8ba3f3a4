#include "sweep/stoprules.h"

#include <QTest>

namespace {
LevelSummary level(int index, int concurrency, int requests, int successes, bool withinBudget) {
    LevelSummary summary;
    summary.index = index;
    summary.concurrency = concurrency;
    summary.requests = requests;
    summary.successes = successes;
    summary.withinBudget = withinBudget;
    summary.complete = true;
    return summary;
}

LatencyBudget someBudget() {
    LatencyBudget budget;
    budget.limits = {LatencyLimit{LatencyMetric::E2e, LatencyStat::P95, 1000.0}};
    return budget;
}
} // namespace

class TestStopRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decide_data();
    void decide();
};

void TestStopRules::decide_data() {
    QTest::addColumn<SweepPlan>("plan");
    QTest::addColumn<bool>("withBudget");
    QTest::addColumn<QList<LevelSummary>>("levels");
    QTest::addColumn<bool>("plateaued");
    QTest::addColumn<QString>("reason"); // empty: go on

    SweepPlan plain;
    plain.maxErrorRate = 0.5;
    SweepPlan budgetStop = plain;
    budgetStop.stopWhenBudgetExceeded = true;
    SweepPlan plateauStop = plain;
    plateauStop.stopAtPlateau = true;
    SweepPlan errorsOff = plain;
    errorsOff.maxErrorRate = 1.0;
    SweepPlan anyError = plain;
    anyError.maxErrorRate = 0.0;

    QTest::newRow("healthy level goes on")
        << plain << true << QList<LevelSummary>{level(0, 1, 10, 10, true)} << false << QString();
    QTest::newRow("error rate above the limit")
        << plain << false << QList<LevelSummary>{level(0, 1, 10, 4, true)} << false
        << QStringLiteral("error_rate");
    QTest::newRow("error rate at the limit goes on")
        << plain << false << QList<LevelSummary>{level(0, 1, 10, 5, true)} << false << QString();
    QTest::newRow("limit 1 switches the rule off")
        << errorsOff << false << QList<LevelSummary>{level(0, 1, 10, 0, true)} << false
        << QString();
    QTest::newRow("limit 0 stops at the first error")
        << anyError << false << QList<LevelSummary>{level(0, 1, 10, 9, true)} << false
        << QStringLiteral("error_rate");
    QTest::newRow("budget: first level fails it")
        << budgetStop << true << QList<LevelSummary>{level(0, 1, 10, 10, false)} << false
        << QStringLiteral("budget_exceeded");
    QTest::newRow("budget: fails after one that met it")
        << budgetStop << true
        << QList<LevelSummary>{level(0, 1, 10, 10, true), level(1, 2, 10, 10, false)} << false
        << QStringLiteral("budget_exceeded");
    QTest::newRow("budget: rule off")
        << plain << true << QList<LevelSummary>{level(0, 1, 10, 10, false)} << false << QString();
    QTest::newRow("budget: no budget never stops")
        << budgetStop << false << QList<LevelSummary>{level(0, 1, 10, 10, false)} << false
        << QString();
    QTest::newRow("plateau reached")
        << plateauStop << false
        << QList<LevelSummary>{level(0, 1, 10, 10, true), level(1, 2, 10, 10, true)} << true
        << QStringLiteral("plateau");
    QTest::newRow("plateau reached but rule off")
        << plain << false
        << QList<LevelSummary>{level(0, 1, 10, 10, true), level(1, 2, 10, 10, true)} << true
        << QString();
}

void TestStopRules::decide() {
    QFETCH(SweepPlan, plan);
    QFETCH(bool, withBudget);
    QFETCH(QList<LevelSummary>, levels);
    QFETCH(bool, plateaued);
    QFETCH(QString, reason);
    SweepSummary sweep;
    sweep.levels = levels;
    sweep.plateau.plateaued = plateaued;
    sweep.plateau.plateauTps = 1234.0;
    const StopDecision decision = StopRules::afterLevel(
        plan, withBudget ? someBudget() : LatencyBudget{}, sweep, int(levels.size()) - 1);
    QCOMPARE(decision.stop, !reason.isEmpty());
    QCOMPARE(StopReasons::key(decision.reason), reason);
    QCOMPARE(decision.notice.isEmpty(), reason.isEmpty());
    if (!reason.isEmpty())
        QVERIFY2(decision.notice.startsWith(QLatin1String("stopping: ")),
                 qPrintable(decision.notice));
}

QTEST_GUILESS_MAIN(TestStopRules)
#include "tst_stoprules.moc"
