#include "stats/distributions.h"

#include <QTest>
#include <cmath>
#include <limits>

// Table values (Student t, normal, chi-squared) to the printed digits, and exact binomials.
class TestDistributions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void studentTQuantile_data() {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("df");
        QTest::addColumn<double>("expected");
        QTest::newRow("t(.975, 9)") << 0.975 << 9.0 << 2.262157;
        QTest::newRow("t(.975, 1)") << 0.975 << 1.0 << 12.706205;
        QTest::newRow("t(.95, 30)") << 0.95 << 30.0 << 1.697261;
        QTest::newRow("t(.995, 20)") << 0.995 << 20.0 << 2.845340;
        QTest::newRow("t(.975, 4)") << 0.975 << 4.0 << 2.776445;
        QTest::newRow("t(.025, 9)") << 0.025 << 9.0 << -2.262157;
        QTest::newRow("t(.975, inf)")
            << 0.975 << std::numeric_limits<double>::infinity() << 1.959964;
    }
    void studentTQuantile() {
        QFETCH(double, p);
        QFETCH(double, df);
        QFETCH(double, expected);
        QVERIFY2(std::fabs(Distributions::studentTQuantile(p, df) - expected) < 1e-4,
                 QByteArray::number(Distributions::studentTQuantile(p, df), 'g', 10));
    }

    // Welch-Satterthwaite gives fractional df: the quantile lies between its neighbours.
    void fractionalDegreesOfFreedom() {
        const double t = Distributions::studentTQuantile(0.975, 9.5);
        QVERIFY(t < 2.262157 && t > 2.228139);
    }

    void criticalValueIsTwoSided() {
        QVERIFY(std::fabs(Distributions::studentTCritical(0.95, 9) - 2.262157) < 1e-6);
        QVERIFY(std::fabs(Distributions::studentTCritical(0.99, 20) - 2.845340) < 1e-6);
    }

    void studentTCdfAndPValue() {
        QCOMPARE(Distributions::studentTCdf(0.0, 5), 0.5);
        QVERIFY(std::fabs(Distributions::studentTCdf(2.262157, 9) - 0.975) < 1e-6);
        QVERIFY(std::fabs(Distributions::studentTTwoSidedP(2.262157, 9) - 0.05) < 1e-6);
        QVERIFY(std::fabs(Distributions::studentTTwoSidedP(-2.262157, 9) - 0.05) < 1e-6);
        QCOMPARE(Distributions::studentTTwoSidedP(0.0, 9), 1.0);
        // Far tail: the complement keeps a tiny p-value instead of rounding to 0.
        const double tiny = Distributions::studentTTwoSidedP(40.0, 30);
        QVERIFY(tiny > 0.0 && tiny < 1e-25);
    }

    void normal() {
        QVERIFY(std::fabs(Distributions::normalQuantile(0.975) - 1.959964) < 1e-6);
        QCOMPARE(Distributions::normalQuantile(0.5), 0.0);
        QVERIFY(std::fabs(Distributions::normalCdf(1.96) - 0.9750021) < 1e-7);
        QVERIFY(std::fabs(Distributions::normalTwoSidedP(1.959964) - 0.05) < 1e-6);
    }

    void chiSquared() {
        QVERIFY(std::fabs(Distributions::chiSquaredQuantile(0.95, 10) - 18.307038) < 1e-5);
        QVERIFY(std::fabs(Distributions::chiSquaredQuantile(0.05, 10) - 3.940299) < 1e-5);
        QVERIFY(std::fabs(Distributions::chiSquaredQuantile(0.975, 1) - 5.023886) < 1e-5);
    }

    void binomialCdf() {
        QVERIFY(std::fabs(Distributions::binomialCdf(3, 10, 0.5) - 176.0 / 1024.0) < 1e-12);
        QVERIFY(std::fabs(Distributions::binomialCdf(0, 10, 0.1) - std::pow(0.9, 10)) < 1e-12);
        QCOMPARE(Distributions::binomialCdf(-1, 10, 0.5), 0.0);
        QCOMPARE(Distributions::binomialCdf(10, 10, 0.5), 1.0);
        QCOMPARE(Distributions::binomialCdf(12, 10, 0.5), 1.0);
    }

    void badArgumentsGiveNaNNotExceptions() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(std::isnan(Distributions::studentTQuantile(0.0, 9)));
        QVERIFY(std::isnan(Distributions::studentTQuantile(1.0, 9)));
        QVERIFY(std::isnan(Distributions::studentTQuantile(0.975, 0)));
        QVERIFY(std::isnan(Distributions::studentTQuantile(0.975, -3)));
        QVERIFY(std::isnan(Distributions::studentTQuantile(nan, 9)));
        QVERIFY(std::isnan(Distributions::studentTQuantile(0.975, nan)));
        QVERIFY(std::isnan(Distributions::studentTCritical(1.5, 9)));
        QVERIFY(std::isnan(Distributions::normalQuantile(-0.1)));
        QVERIFY(std::isnan(Distributions::chiSquaredQuantile(0.5, 0)));
        QVERIFY(std::isnan(Distributions::binomialCdf(3, -1, 0.5)));
        QVERIFY(std::isnan(Distributions::binomialCdf(3, 10, 1.5)));
        QVERIFY(std::isnan(Distributions::studentTCdf(nan, 3)));
    }
};

QTEST_APPLESS_MAIN(TestDistributions)
#include "tst_distributions.moc"
