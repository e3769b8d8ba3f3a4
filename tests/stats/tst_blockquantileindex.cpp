// BlockQuantileIndex must give, for any stretches of a series, the very double that copying
// them and Quantile::linearInPlace give (the bootstrap's figures may not move by a bit), with
// ties, repeats, one value, stretches of one value and the extreme quantiles; and
// PercentileComparison, which uses it for long series, the same comparison as the plain
// resampling loop it replaced.
#include "stats/blockquantileindex.h"
#include "stats/bootstrap.h"
#include "stats/percentilecomparison.h"
#include "stats/quantile.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {
using Stretch = BlockQuantileIndex::Stretch;

bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// Latencies with many ties: rounded to 0.1 ms.
std::vector<double> series(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::lognormal_distribution<double> latency(std::log(40.0), 0.6);
    std::vector<double> x(n);
    for (double& v : x)
        v = std::round(latency(rng) * 10.0) / 10.0;
    return x;
}

double byCopy(const std::vector<double>& x, const std::vector<Stretch>& stretches, double q) {
    std::vector<double> copy;
    for (const Stretch& s : stretches)
        copy.insert(copy.end(), x.begin() + std::ptrdiff_t(s.start),
                    x.begin() + std::ptrdiff_t(s.start + s.length));
    return Quantile::linearInPlace(copy, q);
}

// The comparison as PercentileComparison computed it before the index: every resample copied.
std::vector<double> differencesByCopy(const std::vector<double>& base,
                                      const std::vector<double>& candidate, double q,
                                      const Bootstrap::Options& o) {
    std::mt19937_64 rng(o.seed);
    std::vector<double> buffer, differences;
    for (int i = 0; i < Bootstrap::clampedResamples(o.resamples); ++i) {
        Bootstrap::resample(base, o.blockLength, rng, buffer);
        const double a = Quantile::linearInPlace(buffer, q);
        Bootstrap::resample(candidate, o.blockLength, rng, buffer);
        differences.push_back(Quantile::linearInPlace(buffer, q) - a);
    }
    return differences;
}
} // namespace

class TestBlockQuantileIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameAsCopyAndNthElement_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("block");
        for (int n : {1, 2, 3, 64, 65, 1000, 5003})
            for (int block : {1, 7, 71})
                QTest::addRow("n=%d block=%d", n, block) << n << block;
    }
    void sameAsCopyAndNthElement() {
        QFETCH(int, n);
        QFETCH(int, block);
        const std::vector<double> x = series(std::size_t(n), std::uint64_t(n * 31 + block));
        const BlockQuantileIndex index(x);
        QVERIFY(index.usable());
        std::mt19937_64 rng(std::uint64_t(n + block));
        std::vector<Stretch> stretches;
        for (int draw = 0; draw < 40; ++draw) {
            Bootstrap::drawBlocks(std::size_t(n), block, rng, stretches);
            for (double q : {0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
                const double expected = byCopy(x, stretches, q);
                const double got = index.linearQuantile(stretches, q);
                QVERIFY2(sameBits(got, expected), qPrintable(QStringLiteral("q %1: %2 vs %3")
                                                                 .arg(q)
                                                                 .arg(got, 0, 'g', 17)
                                                                 .arg(expected, 0, 'g', 17)));
            }
        }
    }
    void unevenStretchesAndRepeats() {
        const std::vector<double> x = series(300, 5);
        const BlockQuantileIndex index(x);
        const std::vector<Stretch> stretches{{0, 300}, {10, 1},   {10, 1}, {299, 1},
                                             {5, 0},   {100, 57}, {0, 3}};
        for (double q : {0.0, 0.25, 0.5, 0.75, 0.99, 1.0})
            QVERIFY(sameBits(index.linearQuantile(stretches, q), byCopy(x, stretches, q)));
        QVERIFY(std::isnan(index.linearQuantile({}, 0.5)));
    }
    void refusesWhatItCannotOrder() {
        QVERIFY(!BlockQuantileIndex(std::vector<double>{}).usable());
        QVERIFY(!BlockQuantileIndex(std::vector<double>{1.0, std::nan(""), 2.0}).usable());
        const std::vector<double> same(1000, 7.5);
        const BlockQuantileIndex flat(same);
        const std::vector<Stretch> all{{0, 1000}};
        QCOMPARE(flat.linearQuantile(all, 0.99), 7.5);
    }
    void comparisonUnchangedForLongSeries() {
        // Above the sizes where PercentileComparison takes the index: the same replicates,
        // hence the same interval and p-value, as the copying loop.
        const std::vector<double> base = series(20'000, 1);
        const std::vector<double> candidate = series(15'000, 2);
        for (double q : {0.5, 0.95, 0.99}) {
            Bootstrap::Options o;
            o.resamples = 200;
            o.seed = 9;
            o.blockLength = PercentileComparison::blockLengthFor(15'000);
            const Comparison c = PercentileComparison::bootstrap(base, candidate, q, o);
            std::vector<double> reference = differencesByCopy(base, candidate, q, o);
            const Interval expected = Bootstrap::intervalFromReplicates(reference, c.delta, 0.95);
            QVERIFY(sameBits(c.ci.lo, expected.lo));
            QVERIFY(sameBits(c.ci.hi, expected.hi));
        }
    }
};

QTEST_GUILESS_MAIN(TestBlockQuantileIndex)
#include "tst_blockquantileindex.moc"
