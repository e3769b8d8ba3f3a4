#include "stats/percentileinterval.h"
#include "stats/quantile.h"
#include "synthetic.h"

#include <QTest>
#include <algorithm>
#include <cmath>

namespace {
double coverage(std::size_t n, double q, int seeds) {
    const double truth = synthetic::exponentialQuantile(q, 1.0);
    int covered = 0;
    for (int s = 0; s < seeds; ++s) {
        std::vector<double> x = synthetic::exponential(n, 1.0, synthetic::seed(s, 17));
        std::sort(x.begin(), x.end());
        covered += PercentileInterval::orderStatistic(x, q, 0.95).contains(truth) ? 1 : 0;
    }
    return double(covered) / seeds;
}
} // namespace

class TestPercentileInterval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The textbook median interval for n = 100: X(40)..X(61), coverage 0.9648.
    void medianOfHundredKnownRanks() {
        const auto r = PercentileInterval::ranks(100, 0.5, 0.95);
        QVERIFY(r);
        QCOMPARE(r->lower, std::int64_t(40));
        QCOMPARE(r->upper, std::int64_t(61));
        QVERIFY(std::fabs(r->coverage - 0.9648) < 1e-4);

        std::vector<double> x(100);
        for (int i = 0; i < 100; ++i)
            x[std::size_t(i)] = i + 1; // X(k) = k
        const Interval ci = PercentileInterval::orderStatistic(x, 0.5, 0.95);
        QCOMPARE(ci.lo, 40.0);
        QCOMPARE(ci.hi, 61.0);
        QCOMPARE(ci.estimate, 50.5); // NumPy's linear percentile
        QCOMPARE(ci.halfWidth, 10.5);
        QCOMPARE(ci.method, std::string("order_statistic"));
    }

    void coverageIsNeverBelowTheConfidence() {
        for (std::int64_t n : {30, 59, 60, 100, 250, 1000, 5000}) {
            for (double q : {0.5, 0.9, 0.95, 0.99}) {
                const auto r = PercentileInterval::ranks(n, q, 0.95);
                if (!r)
                    continue;
                QVERIFY(r->lower >= 1 && r->upper <= n && r->lower <= r->upper);
                QVERIFY2(r->coverage >= 0.95, QByteArray::number(r->coverage));
            }
        }
    }

    // Exponential(1): the median is ln 2, the p95 ln 20. Over 400 seeds the intervals cover
    // them at least ~95% of the time (conservative by construction, so also not far above).
    void exponentialCoverage_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("q");
        QTest::newRow("median n=200") << 200 << 0.5;
        QTest::newRow("p95 n=200") << 200 << 0.95;
        QTest::newRow("p95 n=80 (pinned to the max)") << 80 << 0.95;
        QTest::newRow("p99 n=1000") << 1000 << 0.99;
    }
    void exponentialCoverage() {
        QFETCH(int, n);
        QFETCH(double, q);
        const double rate = coverage(std::size_t(n), q, 400);
        QVERIFY2(rate >= 0.93 && rate <= 0.995, QByteArray::number(rate));
    }

    // p95 of 20 samples: the best any order-statistic interval reaches is
    // 1 - 0.95^20 - 0.05^20 = 64%; 59 samples are the minimum for 95%.
    void smallSamplesSayNoInterval() {
        QVERIFY(std::fabs(PercentileInterval::maxCoverage(20, 0.95) - 0.6415) < 1e-4);
        QVERIFY(!PercentileInterval::ranks(20, 0.95, 0.95));
        QCOMPARE(PercentileInterval::minimumSamples(0.95, 0.95), std::int64_t(59));
        QCOMPARE(PercentileInterval::minimumSamples(0.99, 0.95), std::int64_t(299));
        QCOMPARE(PercentileInterval::minimumSamples(0.5, 0.95), std::int64_t(6));
        QVERIFY(PercentileInterval::ranks(59, 0.95, 0.95));
        QVERIFY(!PercentileInterval::ranks(58, 0.95, 0.95));

        std::vector<double> x = synthetic::exponential(20, 1.0, 3);
        std::sort(x.begin(), x.end());
        const Interval ci = PercentileInterval::orderStatistic(x, 0.95, 0.95);
        QVERIFY(!ci.ok());
        QCOMPARE(ci.estimate, Quantile::linearOfSorted(x, 0.95));
        QVERIFY2(ci.note.find("64%") != std::string::npos, ci.note.c_str());
        QVERIFY2(ci.note.find("at least 59") != std::string::npos, ci.note.c_str());
    }

    void badArguments() {
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        QVERIFY(!PercentileInterval::orderStatistic(x, 0.0, 0.95).ok());
        QVERIFY(!PercentileInterval::orderStatistic(x, 1.0, 0.95).ok());
        QVERIFY(!PercentileInterval::orderStatistic(x, 0.5, 1.0).ok());
        QVERIFY(!PercentileInterval::orderStatistic({}, 0.5, 0.95).ok());
        QCOMPARE(PercentileInterval::minimumSamples(0.5, 1.0), std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestPercentileInterval)
#include "tst_percentileinterval.moc"
