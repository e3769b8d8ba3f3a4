#include "stats/distributions.h"
#include "stats/meaninterval.h"
#include "stats/ratiointerval.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>

class TestRatioInterval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The bounds are the roots of Fieller's equation (b - r a)^2 = t^2 (vb + r^2 va).
    void boundsSolveFiellersEquation() {
        const Interval base = MeanInterval::fromHalfWidth(100.0, 2.0 * 2.093024, 19, 0.95, "t");
        const Interval cand = MeanInterval::fromHalfWidth(110.0, 3.0 * 2.093024, 19, 0.95, "t");
        QVERIFY(std::fabs(base.standardError - 2.0) < 1e-5);
        const Interval r = RatioInterval::fieller(base, cand, 0.95);
        QVERIFY(r.ok());
        QCOMPARE(r.estimate, 1.1);
        // df (Welch-Satterthwaite at r = 1.1): (9 + 4.84)^2 / ((81 + 4.84^2) / 19) = 34.85
        QVERIFY(std::fabs(r.degreesOfFreedom - 34.852) < 1e-2);
        const double t = Distributions::studentTCritical(0.95, r.degreesOfFreedom);
        for (double root : {r.lo, r.hi}) {
            const double lhs = (110.0 - root * 100.0) * (110.0 - root * 100.0);
            const double va = base.standardError * base.standardError;
            const double vb = cand.standardError * cand.standardError;
            const double rhs = t * t * (vb + root * root * va);
            QVERIFY2(std::fabs(lhs - rhs) < 1e-9 * rhs, QByteArray::number(lhs - rhs));
        }
        // Close to the delta method's 1.1 +- t * 1.1 * sqrt(0.02^2 + (3/110)^2) here.
        const double delta = t * 1.1 * std::sqrt(0.0004 + (3.0 / 110) * (3.0 / 110));
        QVERIFY(std::fabs(r.lo - (1.1 - delta)) < 0.01);
        QVERIFY(std::fabs(r.hi - (1.1 + delta)) < 0.01);
    }

    void unboundedWhenTheBaseMayBeZero() {
        const Interval base = MeanInterval::fromHalfWidth(1.0, 3.0, 9, 0.95, "t");
        const Interval cand = MeanInterval::fromHalfWidth(5.0, 1.0, 9, 0.95, "t");
        const Interval r = RatioInterval::fieller(base, cand, 0.95);
        QVERIFY(!r.ok());
        QVERIFY(r.note.find("not clearly different from 0") != std::string::npos);
    }

    void needsStandardErrors() {
        Interval orderStatistic;
        orderStatistic.estimate = 10;
        orderStatistic.lo = 9;
        orderStatistic.hi = 11;
        const Interval cand = MeanInterval::fromHalfWidth(5.0, 1.0, 9, 0.95, "t");
        QVERIFY(!RatioInterval::fieller(orderStatistic, cand).ok());
    }

    void coversTheTrueRatio() {
        int covered = 0;
        const int seeds = 400;
        for (int s = 0; s < seeds; ++s) {
            const std::vector<double> a = synthetic::normal(20, 100.0, 10.0, synthetic::seed(s));
            const std::vector<double> b = synthetic::normal(20, 120.0, 15.0, synthetic::seed(s, 1));
            covered += RatioInterval::fieller(MeanInterval::studentT(a), MeanInterval::studentT(b))
                               .contains(1.2)
                           ? 1
                           : 0;
        }
        const double rate = double(covered) / seeds;
        QVERIFY2(rate >= 0.91 && rate <= 0.985, QByteArray::number(rate));
    }

    void welchSatterthwaite() {
        // Equal variances and df: 2 * df.
        QVERIFY(std::fabs(RatioInterval::welchSatterthwaite(1.0, 9, 1.0, 9) - 18.0) < 1e-12);
        // One term dominates: its own df.
        QVERIFY(std::fabs(RatioInterval::welchSatterthwaite(1.0, 9, 1e-9, 9) - 9.0) < 1e-6);
        QVERIFY(std::isinf(RatioInterval::welchSatterthwaite(0.0, 9, 0.0, 9)));
    }
};

QTEST_APPLESS_MAIN(TestRatioInterval)
#include "tst_ratiointerval.moc"
