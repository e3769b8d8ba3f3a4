#include "stats/batchmeans.h"
#include "stats/meaninterval.h"
#include "stats/stabilityrule.h"
#include "synthetic.h"

#include <QTest>
#include <algorithm>
#include <cmath>

namespace {
// A t interval with the given relative half-width around 1000 (or `estimate`).
Interval relative(double relHalfWidth, double estimate = 1000.0) {
    return MeanInterval::fromHalfWidth(estimate, relHalfWidth * estimate, 19, 0.95, "t");
}

StabilityTargets targets() {
    StabilityTargets t;
    t.throughputRelHalfWidth = 0.02;
    t.percentileRelHalfWidth = 0.05;
    t.minSeconds = 10;
    t.maxSeconds = 300;
    return t;
}
} // namespace

class TestStabilityRule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Throughput at 4% after 10 s, target 2%: (4/2)^2 = 4 times the time, 40 s in all.
    void timeLeftFromTheSquareLaw() {
        const StabilityDecision d =
            StabilityRule::evaluate(relative(0.04), relative(0.05), 10, targets());
        QVERIFY(!d.stop);
        QVERIFY(!d.stable);
        QVERIFY(d.reason.empty());
        QVERIFY(std::fabs(d.throughputRelHalfWidth - 0.04) < 1e-12);
        QVERIFY(std::fabs(d.secondsLeft - 30.0) < 1e-9);
        // The slower criterion decides: percentile at 10% -> 10 * 4 = 40 s; throughput at
        // 3% -> 22.5 s.
        const StabilityDecision e =
            StabilityRule::evaluate(relative(0.03), relative(0.10), 10, targets());
        QVERIFY(std::fabs(e.secondsLeft - 30.0) < 1e-9);
        QVERIFY(std::fabs(StabilityRule::secondsNeeded(20, 0.04, 0.02) - 80.0) < 1e-9);
    }

    void timeLeftIsBounded() {
        const StabilityDecision d =
            StabilityRule::evaluate(relative(0.40), relative(0.01), 10, targets());
        QVERIFY(std::fabs(d.secondsLeft - 290.0) < 1e-9); // would be 4000 s; max is 300
    }

    void stableButTooEarly() {
        const StabilityDecision d =
            StabilityRule::evaluate(relative(0.01), relative(0.04), 4, targets());
        QVERIFY(d.stable);
        QVERIFY(!d.stop);
        QCOMPARE(d.secondsLeft, 6.0);
    }

    void stableStops() {
        const StabilityDecision d =
            StabilityRule::evaluate(relative(0.02), relative(0.05), 12, targets());
        QVERIFY(d.stable);
        QVERIFY(d.stop);
        QCOMPARE(d.reason, std::string("stable"));
        QCOMPARE(d.secondsLeft, 0.0);
    }

    void maximumStopsAnyway() {
        const StabilityDecision d =
            StabilityRule::evaluate(relative(0.5), Interval(), 300, targets());
        QVERIFY(d.stop);
        QVERIFY(!d.stable);
        QCOMPARE(d.reason, std::string("max_duration"));
    }

    void noIntervalYetMeansUnknownTimeLeft() {
        const StabilityDecision d =
            StabilityRule::evaluate(Interval(), relative(0.01), 10, targets());
        QVERIFY(!d.stop);
        QVERIFY(!d.stable);
        QVERIFY(std::isnan(d.secondsLeft));
        QVERIFY(std::isnan(d.throughputRelHalfWidth));
    }

    // On running data: a steady endpoint is stable after 60 s of 100 ms bins, a noisy
    // (strongly autocorrelated) one is not and is told it needs longer.
    void steadyVersusNoisy() {
        const auto latencies = synthetic::normal(2000, 100.0, 10.0, 4);
        const auto steady = synthetic::normal(600, 1000.0, 20.0, 5);
        const auto noisy = synthetic::ar1(600, 0.8, 1000.0, 100.0, 6);
        const StabilityDecision a =
            StabilityRule::evaluateData(steady, latencies, 0.95, 60, targets());
        const StabilityDecision b =
            StabilityRule::evaluateData(noisy, latencies, 0.95, 60, targets());
        QVERIFY(a.stop);
        QCOMPARE(a.reason, std::string("stable"));
        QVERIFY2(!b.stop, QByteArray::number(b.throughputRelHalfWidth));
        QVERIFY(b.secondsLeft > 60.0);
        QVERIFY(b.percentileRelHalfWidth < 0.05);
    }

    // The square law predicts when the interval will be narrow enough: measured at the
    // predicted time, the half-width is near the target (median over seeds).
    void predictionHoldsOnAr1() {
        const double binSeconds = 0.1;
        StabilityTargets t = targets();
        t.maxSeconds = 1000;
        std::vector<double> reached;
        for (int s = 0; s < 21; ++s) {
            const auto series = synthetic::ar1(6000, 0.8, 1000.0, 100.0, synthetic::seed(s, 9));
            const std::span<const double> all(series);
            const StabilityDecision early = StabilityRule::evaluate(
                BatchMeans::compute(all.first(600)).interval, relative(0.01), 60.0, t);
            QVERIFY(std::isfinite(early.secondsLeft));
            const double at = 60.0 + early.secondsLeft;
            const auto bins = std::min(series.size(), std::size_t(at / binSeconds));
            reached.push_back(BatchMeans::compute(all.first(bins)).interval.relativeHalfWidth() /
                              t.throughputRelHalfWidth);
        }
        std::nth_element(reached.begin(), reached.begin() + 10, reached.end());
        QVERIFY2(reached[10] > 0.7 && reached[10] < 1.4, QByteArray::number(reached[10]));
    }
};

QTEST_APPLESS_MAIN(TestStabilityRule)
#include "tst_stabilityrule.moc"
