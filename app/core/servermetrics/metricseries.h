#pragma once

#include "servermetrics/serverhistogram.h"
#include "servermetrics/servervocabulary.h"

#include <QtGlobal>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

// One scraped metric over a run, on the client's monotonic clock (ms since run start):
//   gauge      the values as sampled
//   counter    one interval per pair of consecutive scrapes with the increase between them; a
//              value below the previous one is a reset (a restarted server): that interval is
//              marked and carries no rate, and counting restarts from the new value, so a rate
//              is never negative
//   histogram  one interval per pair of scrapes with the bucket increases and their p50, p90
//              and p99 (histogram_quantile); other bounds or a bucket that went down is a reset
// Samples out of time order and non-finite values are ignored. Memory is bounded: at most
// maxPoints points or intervals are kept (the oldest go first); at 1 s scrapes the default
// holds 24 hours. A histogram interval keeps its bucket increases as floats (exact below
// 2^24 observations per interval) and shares its bounds with its neighbours.
class MetricSeries {
public:
    static constexpr int kDefaultMaxPoints = 86'400;

    struct Point {
        qint64 tMs = 0;
        double value = 0.0;
    };
    struct Interval {
        qint64 startMs = 0;
        qint64 endMs = 0;
        double increase = 0.0; // 0 for a reset
        bool reset = false;
        double ratePerSecond() const;
    };
    struct HistogramInterval {
        qint64 startMs = 0;
        qint64 endMs = 0;
        std::shared_ptr<const std::vector<double>> upperBounds;
        std::vector<float> bucketIncreases; // per bucket, not cumulative
        double count = 0.0;
        double sum = 0.0;
        double p50 = 0.0; // NaN when nothing was observed in the interval
        double p90 = 0.0;
        double p99 = 0.0;
    };

    explicit MetricSeries(MetricKind kind, int maxPoints = kDefaultMaxPoints);

    MetricKind kind() const { return m_kind; }
    // A gauge or counter value at tMs; false when ignored (wrong kind, not finite, not after
    // the previous sample).
    bool addValue(qint64 tMs, double value);
    bool addHistogram(qint64 tMs, const ServerHistogram& histogram);

    const std::deque<Point>& points() const { return m_points; }
    const std::deque<Interval>& intervals() const { return m_intervals; }
    const std::deque<HistogramInterval>& histogramIntervals() const { return m_histograms; }
    int resets() const { return m_resets; }
    int samples() const { return m_samples; }

    // Window queries over [t0Ms, t1Ms]; nullopt when the window holds nothing to go by.
    // Gauge: the mean and max of the samples taken inside it.
    std::optional<double> mean(qint64 t0Ms, qint64 t1Ms) const;
    std::optional<double> max(qint64 t0Ms, qint64 t1Ms) const;
    // Counter: the increase and the rate per second over the part of the window the
    // intervals cover (an interval half inside counts half its increase, as if linear; reset
    // intervals and gaps between scrapes are left out of both).
    std::optional<double> increase(qint64 t0Ms, qint64 t1Ms) const;
    std::optional<double> ratePerSecond(qint64 t0Ms, qint64 t1Ms) const;
    // Histogram: the q-quantile of the observations of the intervals whose midpoint lies in
    // the window.
    std::optional<double> quantile(double q, qint64 t0Ms, qint64 t1Ms) const;

    // The memory the kept points and intervals take, roughly, in bytes.
    qint64 approximateBytes() const;

private:
    struct Coverage {
        double increase = 0.0;
        double coveredMs = 0.0;
    };
    Coverage coverage(qint64 t0Ms, qint64 t1Ms) const;
    bool accept(qint64 tMs);
    template <typename T> void keepBounded(std::deque<T>& items) const;

    MetricKind m_kind;
    size_t m_maxPoints;
    int m_samples = 0;
    int m_resets = 0;
    bool m_hasPrevious = false;
    qint64 m_previousMs = 0;
    double m_previousValue = 0.0;
    ServerHistogram m_previousHistogram;
    std::shared_ptr<const std::vector<double>> m_bounds;
    std::deque<Point> m_points;
    std::deque<Interval> m_intervals;
    std::deque<HistogramInterval> m_histograms;
};
