#include "stats/gaindecision.h"
#include "stats/meaninterval.h"

#include <QTest>

namespace {
Interval tps(double estimate, double halfWidth) {
    return MeanInterval::fromHalfWidth(estimate, halfWidth, 19, 0.95, "batch_means");
}
} // namespace

class TestGainDecision : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flatOnlyWhenTheIntervalSaysSo() {
        const GainDecisionResult r = GainDecision::decide(tps(1000, 10), tps(1010, 10));
        QCOMPARE(r.verdict, GainVerdict::Flat);
        QVERIFY(r.ratio.hi < 1.05);
        QCOMPARE(GainDecision::verdictName(r.verdict), "flat");
    }

    void gained() {
        const GainDecisionResult r = GainDecision::decide(tps(1000, 10), tps(1200, 10));
        QCOMPARE(r.verdict, GainVerdict::Gained);
        QVERIFY(r.ratio.lo >= 1.05);
        QCOMPARE(GainDecision::verdictName(r.verdict), "gained");
    }

    // +3% looks like "gained < 5%" to a point comparison, but with +-5% noise on each level
    // the step may as well have gained 10%: undecided.
    void noiseIsUndecided() {
        const GainDecisionResult r = GainDecision::decide(tps(1000, 50), tps(1030, 50));
        QCOMPARE(r.verdict, GainVerdict::Undecided);
        QVERIFY(r.ratio.lo < 1.05 && r.ratio.hi > 1.05);
        QCOMPARE(GainDecision::verdictName(r.verdict), "undecided");
        // +4% measured tightly still straddles 5%.
        QCOMPARE(GainDecision::decide(tps(1000, 10), tps(1040, 10)).verdict,
                 GainVerdict::Undecided);
    }

    void thresholdIsAParameter() {
        QCOMPARE(GainDecision::decide(tps(1000, 10), tps(1080, 10), 0.10).verdict,
                 GainVerdict::Flat);
        QCOMPARE(GainDecision::decide(tps(1000, 10), tps(1080, 10), 0.02).verdict,
                 GainVerdict::Gained);
    }

    void noIntervalIsUndecided() {
        Interval none;
        none.estimate = 1000;
        none.note = "not enough data";
        const GainDecisionResult r = GainDecision::decide(none, tps(1010, 10));
        QCOMPARE(r.verdict, GainVerdict::Undecided);
        QVERIFY(!r.note.empty());
    }
};

QTEST_APPLESS_MAIN(TestGainDecision)
#include "tst_gaindecision.moc"
