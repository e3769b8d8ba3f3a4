// MetricSeries: counters to per-interval rates (a reset is marked and never a negative rate),
// histogram intervals' percentiles from bucket increases, gauge and counter window queries,
// samples out of order and non-finite values ignored, the memory bound.
#include "servermetrics/metricseries.h"

#include <QTest>
#include <cmath>
#include <limits>

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

ServerHistogram histogram(std::vector<double> cumulative, double sum = 0.0) {
    ServerHistogram h;
    h.upperBounds = {0.1, 0.2, 0.5, kInf};
    h.cumulativeCounts = std::move(cumulative);
    h.count = h.cumulativeCounts.back();
    h.sum = sum;
    return h;
}

bool near(std::optional<double> value, double expected) {
    return value && qAbs(*value - expected) < 1e-9;
}
} // namespace

class TestMetricSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void counterRatesAndReset();
    void counterWindowProratesPartialIntervals();
    void gaugeWindow();
    void histogramIntervalPercentiles();
    void histogramWindowAndReset();
    void ignoredSamples();
    void memoryIsBounded();
};

void TestMetricSeries::counterRatesAndReset() {
    MetricSeries s(MetricKind::Counter);
    QVERIFY(s.addValue(0, 100));
    QVERIFY(s.addValue(1000, 200));
    QVERIFY(s.addValue(2000, 500));
    QVERIFY(s.addValue(3000, 50)); // the server restarted
    QVERIFY(s.addValue(4000, 150));
    QCOMPARE(s.intervals().size(), size_t(4));
    QCOMPARE(s.intervals()[0].ratePerSecond(), 100.0);
    QCOMPARE(s.intervals()[1].ratePerSecond(), 300.0);
    QVERIFY(s.intervals()[2].reset);
    QCOMPARE(s.intervals()[2].ratePerSecond(), 0.0);
    QCOMPARE(s.intervals()[3].ratePerSecond(), 100.0); // counted from the new value
    QCOMPARE(s.resets(), 1);
    for (const MetricSeries::Interval& i : s.intervals())
        QVERIFY(i.ratePerSecond() >= 0);
    QVERIFY(near(s.ratePerSecond(0, 2000), 200.0));
    // The reset interval is left out of both the increase and the time.
    QVERIFY(near(s.increase(0, 4000), 500.0));
    QVERIFY(near(s.ratePerSecond(0, 4000), 500.0 / 3.0));
    QVERIFY(!s.ratePerSecond(2100, 2900)); // only the reset: nothing to go by
    QVERIFY(!s.ratePerSecond(5000, 6000));
}

void TestMetricSeries::counterWindowProratesPartialIntervals() {
    MetricSeries s(MetricKind::Counter);
    s.addValue(0, 0);
    s.addValue(1000, 100);
    s.addValue(2000, 400);
    // Half of each interval: 50 + 150 over one second.
    QVERIFY(near(s.increase(500, 1500), 200.0));
    QVERIFY(near(s.ratePerSecond(500, 1500), 200.0));
    // A gap between scrapes (a failed scrape in the middle is simply a longer interval).
    s.addValue(5000, 700);
    QVERIFY(near(s.ratePerSecond(2000, 5000), 100.0));
}

void TestMetricSeries::gaugeWindow() {
    MetricSeries s(MetricKind::Gauge);
    for (int i = 0; i <= 10; ++i)
        s.addValue(i * 1000, i < 5 ? 2.0 : 8.0);
    QVERIFY(near(s.mean(0, 4000), 2.0));
    QVERIFY(near(s.mean(3000, 6000), 5.0)); // 2, 2, 8, 8: both ends included
    QVERIFY(near(s.max(0, 10000), 8.0));
    QVERIFY(near(s.max(0, 4999), 2.0));
    QVERIFY(!s.mean(10001, 20000));
    QVERIFY(!s.max(-10, -1));
    QVERIFY(!s.ratePerSecond(0, 10000)); // a gauge has no rate
}

void TestMetricSeries::histogramIntervalPercentiles() {
    MetricSeries s(MetricKind::Histogram);
    QVERIFY(s.addHistogram(0, histogram({5, 10, 10, 10}, 1.0)));
    QVERIFY(s.addHistogram(1000, histogram({15, 40, 50, 50}, 7.0)));
    QCOMPARE(s.histogramIntervals().size(), size_t(1));
    const MetricSeries::HistogramInterval& i = s.histogramIntervals().front();
    QCOMPARE(i.count, 40.0);
    QCOMPARE(i.sum, 6.0);
    // The increases (10, 20, 10, 0 per bucket) by hand, as in tst_serverhistogram.
    QVERIFY(qAbs(i.p50 - 0.15) < 1e-6);
    QVERIFY(qAbs(i.p90 - 0.38) < 1e-6);
    QVERIFY(qAbs(i.p99 - 0.488) < 1e-6);
    // An interval with no observation has no percentiles.
    QVERIFY(s.addHistogram(2000, histogram({15, 40, 50, 50}, 7.0)));
    QVERIFY(std::isnan(s.histogramIntervals().back().p50));
}

void TestMetricSeries::histogramWindowAndReset() {
    MetricSeries s(MetricKind::Histogram);
    s.addHistogram(0, histogram({0, 0, 0, 0}));
    s.addHistogram(1000, histogram({10, 10, 10, 10})); // 10 in (0, 0.1]
    s.addHistogram(2000, histogram({10, 20, 20, 20})); // 10 in (0.1, 0.2]
    s.addHistogram(3000, histogram({1, 1, 1, 1}));     // reset: no interval
    s.addHistogram(4000, histogram({1, 1, 11, 11}));   // 10 in (0.2, 0.5]
    QCOMPARE(s.resets(), 1);
    QCOMPARE(s.histogramIntervals().size(), size_t(3));
    // 20 observations in the first two intervals: the median is the first bucket's top.
    QVERIFY(near(s.quantile(0.5, 0, 2000), 0.1));
    QVERIFY(near(s.quantile(0.75, 0, 2000), 0.15));
    // All three: 30, rank 15 -> 5 of 10 in (0.1, 0.2].
    QVERIFY(near(s.quantile(0.5, 0, 4000), 0.15));
    QVERIFY(!s.quantile(0.5, 5000, 6000));
}

void TestMetricSeries::ignoredSamples() {
    MetricSeries counter(MetricKind::Counter);
    QVERIFY(counter.addValue(1000, 5));
    QVERIFY(!counter.addValue(1000, 6)); // same time
    QVERIFY(!counter.addValue(500, 7));  // earlier
    QVERIFY(!counter.addValue(2000, qQNaN()));
    QVERIFY(!counter.addValue(2000, kInf));
    QVERIFY(!counter.addHistogram(2000, histogram({1, 1, 1, 1})));
    QVERIFY(counter.addValue(2000, 6));
    QCOMPARE(counter.intervals().size(), size_t(1));
    QCOMPARE(counter.intervals().front().increase, 1.0);
    MetricSeries h(MetricKind::Histogram);
    QVERIFY(!h.addValue(0, 1));
    ServerHistogram invalid = histogram({1, 1, 1, 1});
    invalid.upperBounds.pop_back();
    QVERIFY(!h.addHistogram(0, invalid));
}

void TestMetricSeries::memoryIsBounded() {
    MetricSeries gauge(MetricKind::Gauge, 10);
    MetricSeries counter(MetricKind::Counter, 10);
    MetricSeries hist(MetricKind::Histogram, 10);
    for (int i = 0; i < 100; ++i) {
        gauge.addValue(i * 1000, i);
        counter.addValue(i * 1000, i);
        hist.addHistogram(i * 1000, histogram({double(i), double(i), double(i), double(i)}));
    }
    QCOMPARE(gauge.points().size(), size_t(10));
    QCOMPARE(gauge.points().front().tMs, 90'000);
    QCOMPARE(counter.intervals().size(), size_t(10));
    QCOMPARE(hist.histogramIntervals().size(), size_t(10));
    QCOMPARE(gauge.samples(), 100);
    QVERIFY(hist.approximateBytes() < 10'000);
}

QTEST_GUILESS_MAIN(TestMetricSeries)
#include "tst_metricseries.moc"
