#include "stats/batchmeans.h"
#include "stats/welchtest.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>

namespace {
constexpr int kSeeds = 400;

// Share of seeds where two AR(1) "throughput series" (1000 bins each) test as different.
double rejectionRate(double baseMean, double candidateMean, bool batchMeans) {
    int rejected = 0;
    for (int s = 0; s < kSeeds; ++s) {
        const auto a = synthetic::ar1(1000, 0.8, baseMean, 50.0, synthetic::seed(s, 1));
        const auto b = synthetic::ar1(1000, 0.8, candidateMean, 50.0, synthetic::seed(s, 2));
        const Comparison c = batchMeans ? WelchTest::compare(BatchMeans::compute(a).interval,
                                                             BatchMeans::compute(b).interval)
                                        : WelchTest::compareSamples(a, b);
        rejected += c.significant ? 1 : 0;
    }
    return double(rejected) / kSeeds;
}
} // namespace

class TestWelchTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Wikipedia's "Welch's t-test", example 1: t = 2.46, df = 24.99, p = 0.021.
    void knownAnswer() {
        const std::vector<double> a{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                                    21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
        const std::vector<double> b{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                                    24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
        const Comparison c = WelchTest::compareSamples(a, b);
        QVERIFY(c.ok());
        QVERIFY(std::fabs(c.delta - 2.1666667) < 1e-6);
        QVERIFY(std::fabs(c.ci.degreesOfFreedom - 24.98853) < 1e-4);
        QVERIFY(std::fabs(c.delta / c.ci.standardError - 2.455356) < 1e-5);
        QVERIFY2(std::fabs(c.pValue - 0.0214) < 5e-4, QByteArray::number(c.pValue));
        QVERIFY(c.significant);
        QVERIFY(std::fabs(c.deltaPercent - 100.0 * 2.1666667 / 20.82) < 1e-5);
        QVERIFY(c.ciPercentLo > 0.0 && c.ciPercentLo < c.deltaPercent);
        QVERIFY(c.ciPercentHi > c.deltaPercent);
        QCOMPARE(c.method, std::string("welch_t"));
        // Swapped: the same test, the opposite sign.
        const Comparison d = WelchTest::compareSamples(b, a);
        QVERIFY(std::fabs(d.delta + c.delta) < 1e-12);
        QVERIFY(std::fabs(d.pValue - c.pValue) < 1e-12);
    }

    // Equal means: significant at about the nominal 5% on batch means, but far more often
    // with the i.i.d. formula on the raw series (it would report noise as a regression).
    void typeOneErrorNearFivePercent() {
        const double rate = rejectionRate(1000.0, 1000.0, true);
        QVERIFY2(rate >= 0.02 && rate <= 0.09, QByteArray::number(rate));
        const double naive = rejectionRate(1000.0, 1000.0, false);
        QVERIFY2(naive > 0.25, QByteArray::number(naive));
    }

    // 5% apart (about 4.5 standard errors of the difference): found nearly always.
    void powerOnALargeDifference() {
        const double rate = rejectionRate(1000.0, 1050.0, true);
        QVERIFY2(rate >= 0.95, QByteArray::number(rate));
    }

    void noTestWithoutIntervals() {
        const std::vector<double> few{1, 2, 3};
        const Comparison c = WelchTest::compare(BatchMeans::compute(few).interval,
                                                BatchMeans::compute(few).interval);
        QVERIFY(!c.ok());
        QVERIFY(!c.significant);
        QVERIFY(c.note.find("not enough data") != std::string::npos);
    }

    void noiselessFigures() {
        const std::vector<double> a(10, 5.0), b(10, 6.0), a2(10, 5.0);
        const Comparison differ = WelchTest::compareSamples(a, b);
        QVERIFY(differ.significant);
        QCOMPARE(differ.pValue, 0.0);
        const Comparison same = WelchTest::compareSamples(a, a2);
        QVERIFY(!same.significant);
        QCOMPARE(same.pValue, 1.0);
    }
};

QTEST_APPLESS_MAIN(TestWelchTest)
#include "tst_welchtest.moc"
