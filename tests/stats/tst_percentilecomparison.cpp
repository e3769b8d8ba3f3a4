#include "stats/percentilecomparison.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>

class TestPercentileComparison : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // p95 of Exponential(1) is ln 20 = 3.0; the candidate's mean is 1.3x, so is its p95.
    void findsARealTailRegression() {
        const auto base = synthetic::exponential(500, 1.0, 1);
        const auto cand = synthetic::exponential(500, 1.0 / 1.3, 2);
        const Comparison c = PercentileComparison::bootstrap(base, cand, 0.95);
        QVERIFY(c.ok());
        QVERIFY(c.significant);
        QVERIFY2(c.pValue < 0.05, QByteArray::number(c.pValue));
        QVERIFY(c.ci.lo > 0.0);
        QVERIFY(c.ciPercentLo <= 30.0 && 30.0 <= c.ciPercentHi);
        QVERIFY(c.ciPercentLo < c.deltaPercent && c.deltaPercent < c.ciPercentHi);
        QCOMPARE(c.method, std::string("bootstrap_difference"));
    }

    // Same distribution: "significant" about 5% of the time, no more.
    void sameDistributionIsRarelySignificant() {
        int significant = 0;
        const int seeds = 60;
        for (int s = 0; s < seeds; ++s) {
            const auto base = synthetic::exponential(200, 1.0, synthetic::seed(s, 1));
            const auto cand = synthetic::exponential(200, 1.0, synthetic::seed(s, 2));
            Bootstrap::Options o;
            o.resamples = 200;
            o.seed = std::uint64_t(s);
            const Comparison c = PercentileComparison::bootstrap(base, cand, 0.95, o);
            QVERIFY(c.ok());
            QCOMPARE(c.significant, !c.ci.contains(0.0));
            significant += c.significant ? 1 : 0;
        }
        QVERIFY2(significant <= 8, QByteArray::number(significant)); // expected 3 of 60
    }

    void reproducibleBySeed() {
        const auto base = synthetic::exponential(200, 1.0, 5);
        const auto cand = synthetic::exponential(200, 1.0, 6);
        const Comparison a = PercentileComparison::bootstrap(base, cand, 0.9);
        const Comparison b = PercentileComparison::bootstrap(base, cand, 0.9);
        QCOMPARE(a.ci.lo, b.ci.lo);
        QCOMPARE(a.pValue, b.pValue);
    }

    // p99 needs 299 samples per side before its bootstrap means anything.
    void tooFewForATailPercentile() {
        const auto base = synthetic::exponential(100, 1.0, 5);
        const auto cand = synthetic::exponential(100, 1.0, 6);
        const Comparison c = PercentileComparison::bootstrap(base, cand, 0.99);
        QVERIFY(!c.ok());
        QVERIFY(!c.significant);
        QVERIFY(std::isfinite(c.delta));
        QVERIFY2(c.note.find("at least 299") != std::string::npos, c.note.c_str());
        QVERIFY(!PercentileComparison::bootstrap(base, cand, 1.0).ok());
    }
};

QTEST_APPLESS_MAIN(TestPercentileComparison)
#include "tst_percentilecomparison.moc"
