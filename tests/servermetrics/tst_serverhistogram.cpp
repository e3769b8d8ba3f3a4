// ServerHistogram: histogram_quantile against hand computations (interpolation inside a
// bucket, the first bucket from 0, the +Inf bucket), deltas and resets, adding label sets.
#include "servermetrics/serverhistogram.h"

#include <QTest>
#include <cmath>
#include <limits>

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

ServerHistogram histogram(std::vector<double> cumulative) {
    ServerHistogram h;
    h.upperBounds = {0.1, 0.2, 0.5, kInf};
    h.cumulativeCounts = std::move(cumulative);
    h.count = h.cumulativeCounts.back();
    return h;
}
} // namespace

class TestServerHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quantileByHand_data();
    void quantileByHand();
    void noObservationsIsNaN();
    void validity();
    void deltaAndReset();
    void addSumsBucketByBucket();
};

void TestServerHistogram::quantileByHand_data() {
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    // Buckets (0,0.1]: 10, (0.1,0.2]: 20, (0.2,0.5]: 10, (0.5,+Inf): 0; 40 observations.
    QTest::newRow("p10: first bucket from 0") << 0.1 << 0.04; // rank 4 of 10 in (0,0.1]
    QTest::newRow("p50") << 0.5 << 0.15;                      // rank 20: 10 of 20 in (0.1,0.2]
    QTest::newRow("p90") << 0.9 << 0.2 + 0.3 * 6.0 / 10.0;    // rank 36: 6 of 10 in (0.2,0.5]
    QTest::newRow("p99") << 0.99 << 0.2 + 0.3 * 9.6 / 10.0;   // rank 39.6
    QTest::newRow("p100") << 1.0 << 0.5;
    QTest::newRow("p0") << 0.0 << 0.0;
}

void TestServerHistogram::quantileByHand() {
    QFETCH(double, q);
    QFETCH(double, expected);
    QVERIFY(qAbs(histogram({10, 30, 40, 40}).quantile(q) - expected) < 1e-12);
}

void TestServerHistogram::noObservationsIsNaN() {
    QVERIFY(std::isnan(histogram({0, 0, 0, 0}).quantile(0.5)));
    QVERIFY(std::isnan(histogram({10, 30, 40, 40}).quantile(1.5)));
    QVERIFY(std::isnan(histogram({10, 30, 40, 40}).quantile(qQNaN())));
    // A rank in the +Inf bucket: the last finite bound, as Prometheus answers.
    QCOMPARE(histogram({10, 30, 40, 50}).quantile(0.99), 0.5);
}

void TestServerHistogram::validity() {
    QVERIFY(histogram({1, 2, 3, 4}).isValid());
    ServerHistogram noInf = histogram({1, 2, 3, 4});
    noInf.upperBounds.back() = 1.0;
    QVERIFY(!noInf.isValid());
    QVERIFY(std::isnan(noInf.quantile(0.5)));
    ServerHistogram unsorted = histogram({1, 2, 3, 4});
    unsorted.upperBounds[1] = 0.05;
    QVERIFY(!unsorted.isValid());
    ServerHistogram shortCounts = histogram({1, 2, 3});
    QVERIFY(!shortCounts.isValid());
}

void TestServerHistogram::deltaAndReset() {
    const ServerHistogram earlier = histogram({5, 10, 10, 10});
    const ServerHistogram later = histogram({15, 40, 50, 50});
    ServerHistogram delta;
    QVERIFY(later.deltaSince(earlier, &delta));
    QCOMPARE(delta.cumulativeCounts, (std::vector<double>{10, 30, 40, 40}));
    QCOMPARE(delta.count, 40.0);
    QVERIFY(qAbs(delta.quantile(0.5) - 0.15) < 1e-12);
    QVERIFY(!earlier.deltaSince(later, &delta)); // went down: a reset
    ServerHistogram otherBounds = later;
    otherBounds.upperBounds[0] = 0.05;
    QVERIFY(!otherBounds.deltaSince(earlier, &delta));
}

void TestServerHistogram::addSumsBucketByBucket() {
    ServerHistogram a = histogram({1, 2, 3, 4});
    QVERIFY(a.add(histogram({10, 20, 30, 40})));
    QCOMPARE(a.cumulativeCounts, (std::vector<double>{11, 22, 33, 44}));
    QCOMPARE(a.count, 44.0);
    ServerHistogram other = histogram({1, 1, 1, 1});
    other.upperBounds = {1.0, 2.0, 3.0, kInf};
    QVERIFY(!a.add(other));
}

QTEST_GUILESS_MAIN(TestServerHistogram)
#include "tst_serverhistogram.moc"
