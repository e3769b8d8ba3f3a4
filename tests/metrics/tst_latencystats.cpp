#include "metrics/latencystats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>
#include <functional>
#include <random>

using namespace Qt::StringLiterals;

namespace {
constexpr double NaN = LatencyStats::nan;

// The current compute_data row's figures (QTEST reads the running test's data).
void compareWithRow(const LatencyStats& s) {
    QTEST(s.count, "count");
    QTEST(s.mean, "mean");
    QTEST(s.std, "std");
    QTEST(s.min, "min");
    QTEST(s.max, "max");
    QTEST(s.p50, "p50");
    QTEST(s.p90, "p90");
    QTEST(s.p95, "p95");
    QTEST(s.p99, "p99");
}
} // namespace

// Expected values: NumPy's default percentile ("linear"): rank = (n-1)*p/100 in the sorted
// samples, interpolated between the two closest ranks; std is the population std (ddof=0).
// Each row's figures were worked out by hand (shown) and checked with numpy 1.24
// (np.percentile(a, [50,90,95,99]), a.mean(), a.std()).
class TestLatencyStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void compute_data() {
        QTest::addColumn<QList<double>>("samples");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("std");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p90");
        QTest::addColumn<double>("p95");
        QTest::addColumn<double>("p99");

        // n=10: p90 rank 8.1 -> 9 + 0.1*(10-9) = 9.1; p95 rank 8.55 -> 9.55; p99 rank 8.91
        // -> 9.91. std = sqrt(sum((x-5.5)^2)/10) = sqrt(82.5/10) = 2.8722813232690143.
        QTest::newRow("1..10") << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 10 << 5.5
                               << 2.8722813232690143 << 1.0 << 10.0 << 5.5 << 9.1 << 9.55 << 9.91;
        // n=1: every percentile is the sample, std 0.
        QTest::newRow("single") << QList<double>{42} << 1 << 42.0 << 0.0 << 42.0 << 42.0 << 42.0
                                << 42.0 << 42.0 << 42.0;
        // n=2: rank = p/100 -> 10 + 10*p/100.
        QTest::newRow("two") << QList<double>{20, 10} << 2 << 15.0 << 5.0 << 10.0 << 20.0 << 15.0
                             << 19.0 << 19.5 << 19.9;
        // NaN dropped, sorted [3,7,8,15,42,100]: p50 rank 2.5 -> 8 + 0.5*7 = 11.5; p90 rank
        // 4.5 -> 42 + 0.5*58 = 71; p95 rank 4.75 -> 42 + 0.75*58 = 85.5; p99 rank 4.95 ->
        // 42 + 0.95*58 = 97.1. mean 175/6; std from numpy.
        QTest::newRow("unsorted with NaN")
            << QList<double>{15, NaN, 3, 7, 100, 42, NaN, 8} << 6 << 175.0 / 6 << 34.17317011275886
            << 3.0 << 100.0 << 11.5 << 71.0 << 85.5 << 97.1;
        // Ties: sorted [5,5,5,9]: p50 rank 1.5 -> 5; p90 rank 2.7 -> 5 + 0.7*4 = 7.8;
        // p95 rank 2.85 -> 8.4; p99 rank 2.97 -> 8.88. std = sqrt((3*1 + 9)/4) = sqrt(3).
        QTest::newRow("ties") << QList<double>{5, 9, 5, 5} << 4 << 6.0 << std::sqrt(3.0) << 5.0
                              << 9.0 << 5.0 << 7.8 << 8.4 << 8.88;
        // 0..100: rank = p exactly, so each percentile is its own rank.
        QList<double> hundred;
        for (int i = 100; i >= 0; --i)
            hundred.append(i);
        QTest::newRow("0..100") << hundred << 101 << 50.0 << std::sqrt(850.0) << 0.0 << 100.0
                                << 50.0 << 90.0 << 95.0 << 99.0;
    }
    void compute() {
        QFETCH(QList<double>, samples);
        const LatencyStats s = LatencyStats::compute(samples);
        compareWithRow(s);
    }

    // The pooled form (a source replayed a few times, not held) on the same rows: the same
    // figures; QCOMPARE allows mean and std their last bits.
    void computePooled_data() { compute_data(); }
    void computePooled() {
        QFETCH(QList<double>, samples);
        samples.append(NaN); // skipped, as compute() skips it
        int replays = 0;
        const LatencyStats s =
            LatencyStats::computePooled([&](const std::function<void(double)>& visit) {
                ++replays;
                for (const double v : std::as_const(samples))
                    visit(v);
            });
        compareWithRow(s);
        QCOMPARE(replays, 2); // counted once, then the few values kept
    }

    // Many gaps in ns, as a level pools them, some tied: percentiles, intervals, min and max
    // the very doubles compute() gives after a sort; mean and std within a few ulps.
    void computePooledMatchesCompute() {
        std::mt19937_64 rng(17);
        std::normal_distribution<double> gapNs(5e6, 2e6);
        QList<double> gaps;
        for (int i = 0; i < 200'000; ++i)
            gaps.append(std::round(std::max(gapNs(rng), 1e3) / 1e3) * 1e3 / 1e6);
        const LatencyStats expected = LatencyStats::compute(gaps);
        const LatencyStats pooled =
            LatencyStats::computePooled([&](const std::function<void(double)>& visit) {
                for (const double v : std::as_const(gaps))
                    visit(v);
            });
        QCOMPARE(pooled.count, expected.count);
        for (const auto field : {&LatencyStats::min, &LatencyStats::max, &LatencyStats::p50,
                                 &LatencyStats::p90, &LatencyStats::p95, &LatencyStats::p99})
            QVERIFY(pooled.*field == expected.*field);
        for (const auto ci : {&LatencyStats::p50Ci, &LatencyStats::p90Ci, &LatencyStats::p95Ci,
                              &LatencyStats::p99Ci}) {
            QVERIFY((pooled.*ci).ok());
            QVERIFY((pooled.*ci).lo == (expected.*ci).lo);
            QVERIFY((pooled.*ci).hi == (expected.*ci).hi);
        }
        QVERIFY(std::fabs(pooled.mean - expected.mean) <= 1e-12 * expected.mean);
        QVERIFY(std::fabs(pooled.std - expected.std) <= 1e-9 * expected.std);
    }

    void emptyAndAllNaNGiveNaN_data() {
        QTest::addColumn<QList<double>>("samples");
        QTest::newRow("empty") << QList<double>{};
        QTest::newRow("all NaN") << QList<double>{NaN, NaN};
    }
    void emptyAndAllNaNGiveNaN() {
        QFETCH(QList<double>, samples);
        const LatencyStats s = LatencyStats::compute(samples);
        QCOMPARE(s.count, 0);
        for (double v : {s.mean, s.std, s.min, s.max, s.p50, s.p90, s.p95, s.p99})
            QVERIFY(std::isnan(v));
        const LatencyStats pooled =
            LatencyStats::computePooled([&](const std::function<void(double)>& visit) {
                for (const double v : std::as_const(samples))
                    visit(v);
            });
        QCOMPARE(pooled.count, 0);
        for (double v : {pooled.mean, pooled.std, pooled.min, pooled.p50, pooled.p99})
            QVERIFY(std::isnan(v));
    }

    void percentileOfSorted_data() {
        QTest::addColumn<double>("percentile");
        QTest::addColumn<double>("expected");
        // Sorted [10,20,40,80]: rank = 3p/100.
        QTest::newRow("p0 is min") << 0.0 << 10.0;
        QTest::newRow("p100 is max") << 100.0 << 80.0;
        QTest::newRow("p25 rank 0.75") << 25.0 << 17.5;     // 10 + 0.75*10
        QTest::newRow("p50 rank 1.5") << 50.0 << 30.0;      // 20 + 0.5*20
        QTest::newRow("p75 rank 2.25") << 75.0 << 50.0;     // 40 + 0.25*40
        QTest::newRow("exact rank 2") << 200.0 / 3 << 40.0; // rank 2.0
        QTest::newRow("clamped above") << 150.0 << 80.0;
        QTest::newRow("clamped below") << -5.0 << 10.0;
    }
    void percentileOfSorted() {
        QFETCH(double, percentile);
        QFETCH(double, expected);
        QCOMPARE(LatencyStats::percentileOfSorted({10, 20, 40, 80}, percentile), expected);
        QVERIFY(std::isnan(LatencyStats::percentileOfSorted({}, percentile)));
    }

    void namedValues() {
        const LatencyStats s = LatencyStats::compute({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        QCOMPARE(s.value(u"p50"_s), 5.5);
        QCOMPARE(s.value(u"p90"_s), 9.1);
        QCOMPARE(s.value(u"p95"_s), 9.55);
        QCOMPARE(s.value(u"p99"_s), 9.91);
        QCOMPARE(s.value(u"mean"_s), 5.5);
        QCOMPARE(s.value(u"min"_s), 1.0);
        QCOMPARE(s.value(u"max"_s), 10.0);
        QCOMPARE(s.value(u"std"_s), s.std);
        QVERIFY(std::isnan(s.value(u"p42"_s)));
    }

    void jsonRoundTrip() {
        const LatencyStats s = LatencyStats::compute({0.1, 0.2, 0.3, 0.7});
        const QJsonObject o = s.toJson();
        QCOMPARE(o.keys(), (QStringList{u"count"_s, u"max"_s, u"mean"_s, u"min"_s, u"p50"_s,
                                        u"p90"_s, u"p95"_s, u"p99"_s, u"std"_s}));
        // Through text, as a results file would carry it: every double comes back exactly.
        const QJsonObject back = QJsonDocument::fromJson(QJsonDocument(o).toJson()).object();
        const LatencyStats r = LatencyStats::fromJson(back);
        QCOMPARE(r.count, 4);
        for (const auto* name : {"mean", "std", "min", "max", "p50", "p90", "p95", "p99"}) {
            const QString key = QString::fromLatin1(name);
            QVERIFY2(r.value(key) == s.value(key), name); // bit-exact, not fuzzy
        }
    }

    // Issue 13: each percentile carries its order-statistic interval once there are enough
    // samples: for 1..100, the median's is [X(40), X(61)] (the textbook ranks), p95 has one
    // (>= 59 samples), p99 none (it takes 299). It goes through JSON as "p50_ci95": [lo, hi];
    // a file without it, or with a malformed one, reads as no interval.
    void percentileIntervals() {
        QList<double> samples;
        for (int i = 1; i <= 100; ++i)
            samples.append(i);
        const LatencyStats s = LatencyStats::compute(samples);
        QVERIFY(s.p50Ci.ok());
        QCOMPARE(s.p50Ci.lo, 40.0);
        QCOMPARE(s.p50Ci.hi, 61.0);
        QVERIFY(s.p95Ci.ok());
        QVERIFY(s.p95Ci.lo <= s.p95 && s.p95 <= s.p95Ci.hi);
        QVERIFY(!s.p99Ci.ok());
        QCOMPARE(s.interval(u"median"_s).lo, 40.0);
        QVERIFY(!s.interval(u"mean"_s).ok());

        const QJsonObject o = s.toJson();
        QVERIFY(o.contains(u"p50_ci95"_s));
        QVERIFY(!o.contains(u"p99_ci95"_s));
        const LatencyStats r =
            LatencyStats::fromJson(QJsonDocument::fromJson(QJsonDocument(o).toJson()).object());
        QCOMPARE(r.p50Ci.lo, 40.0);
        QCOMPARE(r.p50Ci.hi, 61.0);
        QCOMPARE(r.p95Ci.hi, s.p95Ci.hi);
        QVERIFY(!r.p99Ci.ok());

        QJsonObject bad = o;
        bad.insert(u"p50_ci95"_s, QJsonArray{61.0, 40.0}); // reversed
        bad.insert(u"p95_ci95"_s, u"[1, 2]"_s);            // not an array
        const LatencyStats b = LatencyStats::fromJson(bad);
        QVERIFY(!b.p50Ci.ok());
        QVERIFY(!b.p95Ci.ok());
    }

    void jsonNaNIsNull() {
        const QJsonObject o = LatencyStats().toJson();
        QCOMPARE(o.value(u"count"_s).toInt(), 0);
        QVERIFY(o.value(u"p99"_s).isNull());
        QVERIFY(o.value(u"mean"_s).isNull());
        const LatencyStats r = LatencyStats::fromJson(o);
        QVERIFY(std::isnan(r.p99));
        QVERIFY(std::isnan(r.mean));
        // A missing key reads as NaN too (trimmed files).
        QVERIFY(std::isnan(LatencyStats::fromJson(QJsonObject{}).p50));
    }
};

QTEST_GUILESS_MAIN(TestLatencyStats)
#include "tst_latencystats.moc"
