#include "stats/rateseries.h"

#include <QTest>
#include <cstdint>
#include <limits>

class TestRateSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void binsAreHalfOpenOnTheLeft() {
        // Window (1000, 1400] in 100 ns bins: (1000,1100], (1100,1200], ...
        const std::vector<std::int64_t> t{1000, 1001, 1100, 1101, 1250, 1400, 1401, 900};
        const std::vector<double> w{5, 1, 2, 4, 8, 16, 32, 64};
        const std::vector<double> r = RateSeries::binRates(t, w, 1000, 1400, 100);
        QCOMPARE(r.size(), std::size_t(4));
        const double perSecond = 1e9 / 100.0;
        QCOMPARE(r[0], (1 + 2) * perSecond); // 1000 itself is outside, 1100 on the edge is in
        QCOMPARE(r[1], 4 * perSecond);
        QCOMPARE(r[2], 8 * perSecond);
        QCOMPARE(r[3], 16 * perSecond); // 1401 and 900 are outside the window
    }

    void unweightedCountsEvents() {
        const std::vector<std::int64_t> t{150'000'000, 50'000'000, 60'000'000};
        const std::vector<double> r = RateSeries::binRates(t, {}, 0, 200'000'000, 100'000'000);
        QCOMPARE(r.size(), std::size_t(2));
        QCOMPARE(r[0], 20.0); // 2 events in 0.1 s
        QCOMPARE(r[1], 10.0);
    }

    void partialLastBinIsLeftOut() {
        const std::vector<std::int64_t> t{250};
        QCOMPARE(RateSeries::binRates(t, {}, 0, 299, 100).size(), std::size_t(2));
    }

    void badArgumentsGiveNoBins() {
        const std::vector<std::int64_t> t{1, 2};
        const std::vector<double> w{1};
        QVERIFY(RateSeries::binRates(t, w, 0, 100, 10).empty()); // lengths differ
        QVERIFY(RateSeries::binRates(t, {}, 0, 100, 0).empty());
        QVERIFY(RateSeries::binRates(t, {}, 0, 100, -5).empty());
        QVERIFY(RateSeries::binRates(t, {}, 100, 100, 10).empty());
        QVERIFY(RateSeries::binRates(t, {}, 0, 5, 10).empty()); // not one whole bin
        const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
        const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
        QVERIFY(RateSeries::binRates(t, {}, lo, hi, 1).empty()); // too many bins, no overflow
    }
};

QTEST_APPLESS_MAIN(TestRateSeries)
#include "tst_rateseries.moc"
