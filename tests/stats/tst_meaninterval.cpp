#include "stats/meaninterval.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>

class TestMeanInterval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // 1..10: mean 5.5, s = 3.0276504, se = 0.9574271, t(.975, 9) = 2.2621572.
    void knownAnswer() {
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        const Interval ci = MeanInterval::studentT(x, 0.95);
        QVERIFY(ci.ok());
        QCOMPARE(ci.estimate, 5.5);
        QVERIFY(std::fabs(ci.standardError - 0.9574271) < 1e-6);
        QCOMPARE(ci.degreesOfFreedom, 9.0);
        QVERIFY(std::fabs(ci.halfWidth - 2.1658506) < 1e-6);
        QVERIFY(std::fabs(ci.lo - (5.5 - 2.1658506)) < 1e-6);
        QVERIFY(std::fabs(ci.hi - (5.5 + 2.1658506)) < 1e-6);
        QCOMPARE(ci.sampleCount, 10);
        QCOMPARE(ci.method, std::string("t"));
        QVERIFY(std::fabs(ci.relativeHalfWidth() - 2.1658506 / 5.5) < 1e-6);
    }

    void nanSamplesAreSkipped() {
        const std::vector<double> x{1, std::nan(""), 2, 3, 4, 5, 6, 7, 8, 9, 10};
        const Interval ci = MeanInterval::studentT(x, 0.95);
        QCOMPARE(ci.sampleCount, 10);
        QCOMPARE(ci.estimate, 5.5);
    }

    void tooFewSamplesSayWhy() {
        const std::vector<double> one{3.0};
        const Interval ci = MeanInterval::studentT(one, 0.95);
        QVERIFY(!ci.ok());
        QCOMPARE(ci.estimate, 3.0);
        QVERIFY(ci.note.find("not enough data") != std::string::npos);
        QVERIFY(!MeanInterval::studentT({}, 0.95).ok());
        const std::vector<double> x{1, 2, 3};
        QVERIFY(!MeanInterval::studentT(x, 1.0).ok());
        QVERIFY(!MeanInterval::studentT(x, 0.0).ok());
    }

    void rebuiltFromHalfWidth() {
        const Interval ci = MeanInterval::fromHalfWidth(100.0, 2.262157, 9, 0.95, "batch_means");
        QVERIFY(ci.ok());
        QVERIFY(std::fabs(ci.standardError - 1.0) < 1e-6);
        QCOMPARE(ci.lo, 100.0 - 2.262157);
        QVERIFY(!MeanInterval::fromHalfWidth(100.0, std::nan(""), 9, 0.95, "t").ok());
        QVERIFY(!MeanInterval::fromHalfWidth(100.0, 1.0, 0, 0.95, "t").ok());
    }

    // i.i.d. normal, n = 10: the 95% interval covers the true mean ~95% of the time
    // (400 seeds: binomial sd ~1.1%).
    void coversAtTheNominalRate() {
        int covered = 0;
        const int seeds = 400;
        for (int s = 0; s < seeds; ++s) {
            const std::vector<double> x = synthetic::normal(10, 50.0, 8.0, synthetic::seed(s));
            covered += MeanInterval::studentT(x, 0.95).contains(50.0) ? 1 : 0;
        }
        const double rate = double(covered) / seeds;
        QVERIFY2(rate >= 0.91 && rate <= 0.985, QByteArray::number(rate));
    }
};

QTEST_APPLESS_MAIN(TestMeanInterval)
#include "tst_meaninterval.moc"
