#include "sweep/refinesearch.h"

#include <QTest>

// Refine (issue 13): the bisection between the heaviest level that met the budget and the
// lightest heavier one that broke it, on hand-made sweeps.
namespace {
LevelSummary level(int concurrency, bool within, int successes = 10) {
    LevelSummary l;
    l.concurrency = concurrency;
    l.requests = 10;
    l.successes = successes;
    l.withinBudget = within;
    l.outputThroughputTps = 100.0 * concurrency;
    return l;
}

LevelSummary rateLevel(double rate, bool within) {
    LevelSummary l = level(0, within);
    l.isRate = true;
    l.rate = rate;
    return l;
}

SweepPlan refining(int maxLevels = 6) {
    SweepPlan plan;
    plan.refine = {true, maxLevels};
    return plan;
}

SweepSummary sweepOf(const QList<LevelSummary>& levels) {
    SweepSummary s;
    s.levels = levels;
    return s;
}
} // namespace

class TestRefineSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bisectsToOneConcurrency() {
        QList<LevelSummary> levels = {level(8, true), level(16, true), level(32, false)};
        // The truth: c <= 20 meets the budget.
        QList<int> probes;
        for (int step = 0; step < 10; ++step) {
            const auto probe = RefineSearch::next(sweepOf(levels), refining(10), true, step);
            if (!probe)
                break;
            QVERIFY(!probe->isRate);
            probes.append(probe->concurrency);
            levels.append(level(probe->concurrency, probe->concurrency <= 20));
        }
        QCOMPARE(probes, (QList<int>{24, 20, 22, 21}));
        QString why;
        QVERIFY(!RefineSearch::next(sweepOf(levels), refining(10), true, 4, &why));
        QVERIFY2(why.contains(QStringLiteral("one concurrency")), qPrintable(why));
    }

    void noisyLevelsKeepTheHeaviestThatMet() {
        // c=24 met, c=20 did not (noise): the boundary is above 24.
        const QList<LevelSummary> levels = {level(16, true), level(20, false), level(24, true),
                                            level(32, false)};
        const auto probe = RefineSearch::next(sweepOf(levels), refining(), true, 0);
        QVERIFY(probe);
        QCOMPARE(probe->concurrency, 28);
        QVERIFY2(probe->why.contains(QStringLiteral("c=24")), qPrintable(probe->why));
    }

    void firstLevelAlreadyBrokeIt() {
        const QList<LevelSummary> levels = {level(4, false), level(8, false)};
        const auto probe = RefineSearch::next(sweepOf(levels), refining(), true, 0);
        QVERIFY(probe);
        QCOMPARE(probe->concurrency, 2);
        const QList<LevelSummary> one = {level(1, false)};
        QVERIFY(!RefineSearch::next(sweepOf(one), refining(), true, 0));
    }

    void nothingToRefine() {
        QString why;
        const QList<LevelSummary> allMet = {level(8, true), level(16, true)};
        QVERIFY(!RefineSearch::next(sweepOf(allMet), refining(), true, 0, &why));
        QVERIFY2(why.contains(QStringLiteral("every level met")), qPrintable(why));
        const QList<LevelSummary> boundary = {level(8, true), level(16, false)};
        QVERIFY(!RefineSearch::next(sweepOf(boundary), refining(), false, 0, &why));
        QVERIFY2(why.contains(QStringLiteral("no latency budget")), qPrintable(why));
        QVERIFY(!RefineSearch::next(sweepOf(boundary), refining(3), true, 3, &why));
        QVERIFY2(why.contains(QStringLiteral("spent")), qPrintable(why));
        QVERIFY(!RefineSearch::next(sweepOf(boundary), SweepPlan{}, true, 0));
        QVERIFY(RefineSearch::next(sweepOf(boundary), refining(), true, 0));
    }

    void inconclusiveLevelsAreNoEvidence() {
        // A level with too few requests to hold its target met nothing and broke nothing.
        LevelSummary thin = level(24, true);
        thin.targetUnreachable = QStringLiteral("plan"); // 10 requests never held 24 in flight
        QVERIFY(!thin.conclusive());
        const QList<LevelSummary> levels = {level(16, true), thin, level(32, false)};
        const auto probe = RefineSearch::next(sweepOf(levels), refining(), true, 0);
        QVERIFY(probe);
        QCOMPARE(probe->concurrency, 24); // between 16 and 32, as if c=24 had not run
        // Every request failed: the load broke the budget.
        const QList<LevelSummary> failed = {level(16, true), level(32, false, 0)};
        QCOMPARE(RefineSearch::next(sweepOf(failed), refining(), true, 0)->concurrency, 24);
    }

    void ratesBisectToFivePercent() {
        QList<LevelSummary> levels = {rateLevel(10, true), rateLevel(20, false)};
        SweepPlan plan = refining(20);
        plan.mode = SweepPlan::Mode::Rate;
        int steps = 0;
        while (const auto probe = RefineSearch::next(sweepOf(levels), plan, true, steps)) {
            QVERIFY(probe->isRate);
            levels.append(rateLevel(probe->rate, probe->rate <= 13.3));
            ++steps;
        }
        QVERIFY(steps >= 3 && steps <= 6);
        double lo = 0.0;
        double hi = 1e9;
        for (const LevelSummary& l : levels) {
            if (l.withinBudget)
                lo = std::max(lo, l.rate);
            else
                hi = std::min(hi, l.rate);
        }
        QVERIFY(lo <= 13.3 && hi > 13.3);
        QVERIFY(hi / lo <= RefineSearch::kRateResolution);
    }
};

QTEST_GUILESS_MAIN(TestRefineSearch)
#include "tst_refinesearch.moc"
