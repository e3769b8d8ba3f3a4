#include "stats/batchmeans.h"
#include "stats/meaninterval.h"
#include "synthetic.h"

#include <QTest>
#include <algorithm>
#include <cmath>

namespace {
constexpr double kMean = 1000.0; // e.g. tokens/s
constexpr double kPhi = 0.8;     // integrated autocorrelation time (1+phi)/(1-phi) = 9
constexpr int kSeeds = 400;

struct Coverage {
    double batchMeans = 0;
    double naive = 0;
    int noInterval = 0;
};

Coverage coverage(std::size_t n, double phi) {
    Coverage c;
    for (int s = 0; s < kSeeds; ++s) {
        const std::vector<double> x = synthetic::ar1(n, phi, kMean, 50.0, synthetic::seed(s));
        const BatchMeansInterval bm = BatchMeans::compute(x, 0.95);
        c.noInterval += bm.interval.ok() ? 0 : 1;
        c.batchMeans += bm.interval.contains(kMean) ? 1 : 0;
        c.naive += MeanInterval::studentT(x, 0.95).contains(kMean) ? 1 : 0;
    }
    c.batchMeans /= std::max(1, kSeeds - c.noInterval); // among the seeds that got one
    c.naive /= kSeeds;
    return c;
}
} // namespace

class TestBatchMeans : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The heart of issue 13: on a correlated series with a known mean, batch means cover at
    // about the nominal 95%, while the i.i.d. formula (what a naive tool would print)
    // covers far less: its s/sqrt(n) is sqrt(9) = 3 times too small.
    void ar1CoverageNominalWhereNaiveFails() {
        const Coverage c = coverage(2000, kPhi);
        QCOMPARE(c.noInterval, 0);
        QVERIFY2(c.batchMeans >= 0.90 && c.batchMeans <= 0.98, QByteArray::number(c.batchMeans));
        QVERIFY2(c.naive < 0.75, QByteArray::number(c.naive));
    }

    // A short window (300 bins: 30 s at 100 ms) of the same series holds only ~33
    // independent points: fewer, larger batches, and now and then (when the estimated
    // correlation time comes out long) "not enough data" rather than a wrong interval.
    void shortCorrelatedSeriesStillCovers() {
        const Coverage c = coverage(300, kPhi);
        QVERIFY2(c.noInterval < kSeeds * 15 / 100, QByteArray::number(c.noInterval));
        QVERIFY2(c.batchMeans >= 0.88 && c.batchMeans <= 0.99, QByteArray::number(c.batchMeans));
    }

    void independentSeriesCovers() {
        const Coverage c = coverage(300, 0.0);
        QCOMPARE(c.noInterval, 0);
        QVERIFY2(c.batchMeans >= 0.91 && c.batchMeans <= 0.985, QByteArray::number(c.batchMeans));
        QVERIFY2(c.naive >= 0.91, QByteArray::number(c.naive)); // here the naive one is right
    }

    void batchSizeFollowsTheCorrelation() {
        const std::vector<double> iid = synthetic::normal(300, kMean, 50.0, 7);
        const BatchMeansInterval a = BatchMeans::compute(iid);
        QCOMPARE(a.batches, 20);
        QCOMPARE(a.batchSize, 15);
        QVERIFY(a.cutoffLag <= 2);

        const std::vector<double> ar = synthetic::ar1(2000, kPhi, kMean, 50.0, 7);
        const BatchMeansInterval b = BatchMeans::compute(ar);
        QVERIFY2(b.tau > 4 && b.tau < 16, QByteArray::number(b.tau));
        QVERIFY(b.batchSize >= 5 * b.tau);
        QVERIFY(b.batchSize >= b.cutoffLag);
        QCOMPARE(b.batches, 20);
        QCOMPARE(b.interval.sampleCount, 20);
        QCOMPARE(b.interval.degreesOfFreedom, 19.0);
        QCOMPARE(b.interval.method, std::string("batch_means"));
        QVERIFY(std::fabs(b.batchLag1Autocorrelation) < 0.6);
    }

    void notEnoughData() {
        const std::vector<double> four{1, 2, 3, 4};
        const BatchMeansInterval a = BatchMeans::compute(four);
        QVERIFY(!a.interval.ok());
        QCOMPARE(a.interval.estimate, 2.5);
        QVERIFY(a.interval.note.find("not enough data") != std::string::npos);

        // Correlated over hundreds of points: 200 points cannot make 5 independent batches.
        const std::vector<double> slow = synthetic::ar1(200, 0.995, kMean, 5.0, 3);
        const BatchMeansInterval b = BatchMeans::compute(slow);
        QVERIFY(!b.interval.ok());
        QVERIFY2(b.interval.note.find("not enough data") != std::string::npos,
                 b.interval.note.c_str());
        QVERIFY(std::isfinite(b.interval.estimate));

        const std::vector<double> gap{1, 2, std::nan(""), 4, 5, 6, 7, 8, 9, 10};
        QVERIFY(!BatchMeans::compute(gap).interval.ok());
    }

    void constantSeriesHasZeroWidth() {
        const std::vector<double> flat(100, 42.0);
        const BatchMeansInterval a = BatchMeans::compute(flat);
        QVERIFY(a.interval.ok());
        QCOMPARE(a.interval.estimate, 42.0);
        QCOMPARE(a.interval.halfWidth, 0.0);
    }

    void leftoverPointsAreDroppedFromTheStart() {
        // 103 independent points: 20 batches of 5 use the last 100 (the first 3 are nearest
        // the ramp-up), and the estimate is their mean.
        const std::vector<double> x = synthetic::normal(103, 10.0, 1.0, 11);
        const BatchMeansInterval a = BatchMeans::compute(x);
        QCOMPARE(a.batches, 20);
        QCOMPARE(a.batchSize, 5);
        double sum = 0.0;
        for (std::size_t i = 3; i < x.size(); ++i)
            sum += x[i];
        QVERIFY(std::fabs(a.interval.estimate - sum / 100.0) < 1e-12);
    }

    // A long series is averaged in groups first: same answer, bounded work.
    void longSeriesAreGrouped() {
        const std::vector<double> x = synthetic::ar1(50'000, kPhi, kMean, 50.0, 21);
        const BatchMeansInterval a = BatchMeans::compute(x);
        QCOMPARE(a.pointsPerGroup, 5);
        QVERIFY(a.interval.ok());
        QCOMPARE(a.batchSize % 5, 0);
        QVERIFY(a.interval.contains(kMean));
        QVERIFY(a.interval.relativeHalfWidth() < 0.01);

        // A steady drift never decorrelates: no interval, and no quadratic search over
        // 200,000 lags to find that out.
        std::vector<double> drift(200'000);
        for (std::size_t i = 0; i < drift.size(); ++i)
            drift[i] = double(i);
        const BatchMeansInterval b = BatchMeans::compute(drift);
        QVERIFY(!b.interval.ok());
        QVERIFY(b.interval.note.find("not enough data") != std::string::npos);
    }

    void optionsAreBounded() {
        const std::vector<double> x = synthetic::normal(1000, 0.0, 1.0, 5);
        BatchMeansOptions o;
        o.minBatches = -3;
        o.maxBatches = 1'000'000;
        o.batchSizePerTau = 1e9;
        const BatchMeansInterval a = BatchMeans::compute(x, 0.95, o);
        QVERIFY(a.batches <= 1000);
        QVERIFY(a.batchSize >= 1);
    }
};

QTEST_APPLESS_MAIN(TestBatchMeans)
#include "tst_batchmeans.moc"
