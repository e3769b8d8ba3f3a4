#include "stats/percentilecomparison.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>
#include <vector>

namespace {
constexpr int kUseRule = 0; // blockLength 0: PercentileComparison::blockLengthFor(n)

// Latencies (ms) whose logarithm is AR(1) around ln 150 with a stationary sd of 0.3.
std::vector<double> autocorrelatedLatencies(std::size_t n, double scale, std::uint64_t seed) {
    const double phi = 0.9;
    std::vector<double> x =
        synthetic::ar1(n, phi, std::log(150.0), 0.3 * std::sqrt(1 - phi * phi), seed);
    for (double& v : x)
        v = scale * std::exp(v);
    return x;
}

// Of 20 seeded pairs (1,000 requests each), how many p95 comparisons are significant.
int significantOf(double candidateScale, int blockLength) {
    int significant = 0;
    for (int s = 0; s < 20; ++s) {
        const auto base = autocorrelatedLatencies(1000, 1.0, synthetic::seed(s, 11));
        const auto cand = autocorrelatedLatencies(1000, candidateScale, synthetic::seed(s, 12));
        Bootstrap::Options o;
        o.resamples = 400;
        o.seed = std::uint64_t(s) + 1;
        o.blockLength =
            blockLength == kUseRule ? PercentileComparison::blockLengthFor(1000) : blockLength;
        const Comparison c = PercentileComparison::bootstrap(base, cand, 0.95, o);
        significant += c.significant ? 1 : 0;
    }
    return significant;
}
} // namespace

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

    void blockLengthRule() {
        QCOMPARE(PercentileComparison::blockLengthFor(0), 1);
        QCOMPARE(PercentileComparison::blockLengthFor(9), 1);     // too few for 10 blocks
        QCOMPARE(PercentileComparison::blockLengthFor(100), 10);  // sqrt, 10 blocks
        QCOMPARE(PercentileComparison::blockLengthFor(200), 15);  // ceil(sqrt(200))
        QCOMPARE(PercentileComparison::blockLengthFor(1000), 32); // ceil(sqrt(1000))
    }

    // Two runs of the same server on a busy machine: each request's latency follows the
    // server's state, so neighbours in start order are alike (log latency AR(1), phi 0.9,
    // around 150 ms). An i.i.d. bootstrap calls such runs different far more often than 5%;
    // blocks of blockLengthFor(n) consecutive requests do not.
    void sameServerAutocorrelatedIsNotSignificant() {
        const int blocked = significantOf(1.0, kUseRule);
        QVERIFY2(blocked <= 1, QByteArray::number(blocked)); // >= 19 of 20 not significant
        const int independent = significantOf(1.0, 1);
        QVERIFY2(independent >= 5, QByteArray::number(independent)); // the defect it fixes
    }

    // ... and a server 60% slower under the same noise is still found slower.
    void realDifferenceUnderAutocorrelationIsSignificant() {
        const int blocked = significantOf(1.6, kUseRule);
        QVERIFY2(blocked >= 19, QByteArray::number(blocked));
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
