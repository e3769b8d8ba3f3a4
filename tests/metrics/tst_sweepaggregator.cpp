#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "synthrecords.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
LevelSummary level(int index, int concurrency, double tps, double ttftP95, double e2eP50) {
    LevelSummary l;
    l.index = index;
    l.concurrency = concurrency;
    l.requests = l.successes = 20;
    l.outputThroughputTps = tps;
    l.ttftMs.count = l.e2eMs.count = 20;
    l.ttftMs.p95 = ttftP95;
    l.e2eMs.p50 = e2eP50;
    l.withinBudget = false; // stale on purpose: the sweep judges against its own budget
    return l;
}
} // namespace

class TestSweepAggregator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plateauAndBudget() {
        // c = 1..16; plateau from c=4 (4 -> 8 gains 2%, e2e doubles); TTFT p95 crosses
        // 500 ms at c=8, so the best level within budget is c=4.
        const QList<LevelSummary> levels = {
            level(0, 1, 100, 100, 1000), level(1, 2, 190, 150, 1050), level(2, 4, 350, 300, 1200),
            level(3, 8, 357, 700, 2400), level(4, 16, 360, 1500, 4800)};
        LatencyBudget budget;
        budget.limits.append({LatencyMetric::Ttft, LatencyStat::P95, 500});

        const SweepSummary s = SweepAggregator::summarize(levels, budget, 0.05);
        QCOMPARE(s.levels.size(), levels.size());
        QCOMPARE(s.levels.at(2).outputThroughputTps, 350.0);
        const QList<bool> within = {true, true, true, false, false};
        for (int i = 0; i < within.size(); ++i)
            QCOMPARE(s.levels.at(i).withinBudget, within.at(i));
        QVERIFY(s.plateau.plateaued);
        QCOMPARE(s.plateau.plateauFromLevel, 2);
        QCOMPARE(s.plateau.plateauLevel, 4);
        QCOMPARE(s.plateau.plateauTps, 360.0);
        QVERIFY(s.budget.hasBudget);
        QCOMPARE(s.budget.bestLevel, 2);

        // A stricter threshold (1%) does not call 4 -> 8 (+2%) flat, but 8 -> 16 (+0.8%).
        const SweepSummary strict = SweepAggregator::summarize(levels, budget, 0.01);
        QVERIFY(strict.plateau.plateaued);
        QCOMPARE(strict.plateau.plateauFromLevel, 3);
        QVERIFY(!SweepAggregator::summarize(levels, budget, 0.005).plateau.plateaued);
        // Without a budget every level is within it, and there is no best-in-budget mark.
        const SweepSummary free = SweepAggregator::summarize(levels, {}, 0.05);
        QVERIFY(!free.budget.hasBudget);
        QCOMPARE(free.budget.bestLevel, -1);
        for (const LevelSummary& l : free.levels)
            QVERIFY(l.withinBudget);
    }

    // End to end from records: two closed-loop levels summarized, then the sweep.
    void fromRecords() {
        LevelRunInfo one = Synth::closedLoop(1, 400);
        LevelRunInfo two = Synth::closedLoop(2, 400);
        two.index = 1;
        // c=1: one stream of 100 tok/s. c=2: two streams of 90 tok/s (ttft slower).
        const LevelSummary a =
            LevelAggregator::summarize(one, Synth::worker(0, 4, 10, 10), {}, Synth::kRunStartNs);
        QList<RequestRecord> b = Synth::worker(0, 4, 9, 100.0 / 9);
        b.append(Synth::worker(0, 4, 9, 100.0 / 9));
        for (RequestRecord& r : b)
            r.level = 1;
        const LevelSummary c = LevelAggregator::summarize(two, b, {}, Synth::kRunStartNs);
        const SweepSummary s = SweepAggregator::summarize({a, c}, {}, 0.05);
        QCOMPARE(s.plateau.plateauLevel, 1);
        QVERIFY(std::abs(s.plateau.plateauTps - 180.0) < 1e-6);
        QVERIFY(!s.plateau.plateaued); // 80% gain
    }
};

QTEST_GUILESS_MAIN(TestSweepAggregator)
#include "tst_sweepaggregator.moc"
