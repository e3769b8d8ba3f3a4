#include "stats/bootstrap.h"
#include "stats/meaninterval.h"
#include "stats/quantile.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>
#include <numeric>

namespace {
double meanOf(std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}
double medianOf(std::vector<double>& v) {
    return Quantile::linearInPlace(v, 0.5);
}

double meanCoverageOnAr1(int blockLength, int seeds) {
    int covered = 0;
    for (int s = 0; s < seeds; ++s) {
        const std::vector<double> x = synthetic::ar1(500, 0.8, 100.0, 5.0, synthetic::seed(s, 3));
        Bootstrap::Options o;
        o.resamples = 200;
        o.seed = std::uint64_t(s);
        o.blockLength = blockLength;
        covered += Bootstrap::percentileInterval(x, meanOf, o).contains(100.0) ? 1 : 0;
    }
    return double(covered) / seeds;
}
} // namespace

class TestBootstrap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameFigures() {
        const std::vector<double> x = synthetic::exponential(200, 1.0, 1);
        Bootstrap::Options o;
        o.seed = 42;
        const Interval a = Bootstrap::percentileInterval(x, medianOf, o);
        const Interval b = Bootstrap::percentileInterval(x, medianOf, o);
        QVERIFY(a.ok());
        QCOMPARE(a.lo, b.lo);
        QCOMPARE(a.hi, b.hi);
        o.seed = 43;
        const Interval c = Bootstrap::percentileInterval(x, medianOf, o);
        QVERIFY(c.lo != a.lo || c.hi != a.hi);
        std::vector<double> copy = x;
        QCOMPARE(a.estimate, Quantile::linearInPlace(copy, 0.5)); // the sample median
        QCOMPARE(a.method, std::string("bootstrap_percentile"));
        QCOMPARE(a.sampleCount, 200);
    }

    // For a mean of normal data the bootstrap agrees with the t interval.
    void meanAgreesWithStudentT() {
        const std::vector<double> x = synthetic::normal(200, 10.0, 2.0, 9);
        const Interval boot = Bootstrap::percentileInterval(x, meanOf, {});
        const Interval t = MeanInterval::studentT(x);
        QVERIFY(std::fabs(boot.estimate - t.estimate) < 1e-12);
        QVERIFY2(std::fabs(boot.halfWidth / t.halfWidth - 1.0) < 0.15,
                 QByteArray::number(boot.halfWidth / t.halfWidth));
    }

    void medianCoverage() {
        int covered = 0;
        const int seeds = 120;
        for (int s = 0; s < seeds; ++s) {
            const std::vector<double> x = synthetic::exponential(100, 1.0, synthetic::seed(s, 8));
            Bootstrap::Options o;
            o.resamples = 200;
            o.seed = std::uint64_t(s);
            covered +=
                Bootstrap::percentileInterval(x, medianOf, o).contains(std::log(2.0)) ? 1 : 0;
        }
        const double rate = double(covered) / seeds;
        QVERIFY2(rate >= 0.88 && rate <= 0.99, QByteArray::number(rate));
    }

    // On a correlated series the i.i.d. bootstrap is as fooled as the i.i.d. formula; moving
    // blocks longer than the correlation restore the coverage.
    void blocksRespectCorrelation() {
        const double iid = meanCoverageOnAr1(1, 60);
        const double blocks = meanCoverageOnAr1(40, 120);
        QVERIFY2(iid < 0.75, QByteArray::number(iid));
        QVERIFY2(blocks >= 0.85, QByteArray::number(blocks));
    }

    void resampleKeepsLengthAndValues() {
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7};
        std::mt19937_64 rng(1);
        std::vector<double> out;
        for (int block : {1, 3, 7, 100, -2}) {
            Bootstrap::resample(x, block, rng, out);
            QCOMPARE(out.size(), x.size());
            for (double v : out)
                QVERIFY(v >= 1 && v <= 7);
        }
        Bootstrap::resample({}, 1, rng, out);
        QVERIFY(out.empty());
    }

    void boundsAndTooLittleData() {
        const std::vector<double> one{5.0};
        const Interval a = Bootstrap::percentileInterval(one, meanOf, {});
        QVERIFY(!a.ok());
        QCOMPARE(a.estimate, 5.0);
        QCOMPARE(Bootstrap::clampedResamples(5), Bootstrap::kMinResamples);
        QCOMPARE(Bootstrap::clampedResamples(1'000'000'000), Bootstrap::kMaxResamples);
        Bootstrap::Options o;
        o.confidence = 1.5;
        const std::vector<double> x{1, 2, 3, 4};
        QVERIFY(!Bootstrap::percentileInterval(x, meanOf, o).ok());
    }
};

QTEST_APPLESS_MAIN(TestBootstrap)
#include "tst_bootstrap.moc"
