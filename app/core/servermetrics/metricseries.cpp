#include "servermetrics/metricseries.h"

#include <algorithm>
#include <cmath>

double MetricSeries::Interval::ratePerSecond() const {
    const qint64 ms = endMs - startMs;
    return reset || ms <= 0 ? 0.0 : increase * 1000.0 / double(ms);
}

MetricSeries::MetricSeries(MetricKind kind, int maxPoints)
    : m_kind(kind)
    , m_maxPoints(size_t(std::max(2, maxPoints))) {}

bool MetricSeries::accept(qint64 tMs) {
    if (m_hasPrevious && tMs <= m_previousMs)
        return false;
    ++m_samples;
    return true;
}

template <typename T> void MetricSeries::keepBounded(std::deque<T>& items) const {
    while (items.size() > m_maxPoints)
        items.pop_front();
}

bool MetricSeries::addValue(qint64 tMs, double value) {
    if (m_kind == MetricKind::Histogram || !std::isfinite(value) || !accept(tMs))
        return false;
    if (m_kind == MetricKind::Gauge) {
        m_points.push_back({tMs, value});
        keepBounded(m_points);
    } else if (m_hasPrevious) {
        Interval interval{m_previousMs, tMs, value - m_previousValue, false};
        if (value < m_previousValue || !std::isfinite(interval.increase)) {
            interval.increase = 0.0;
            interval.reset = true;
            ++m_resets;
        }
        m_intervals.push_back(interval);
        keepBounded(m_intervals);
    }
    m_hasPrevious = true;
    m_previousMs = tMs;
    m_previousValue = value;
    return true;
}

bool MetricSeries::addHistogram(qint64 tMs, const ServerHistogram& histogram) {
    if (m_kind != MetricKind::Histogram || !histogram.isValid() || !accept(tMs))
        return false;
    ServerHistogram delta;
    if (m_hasPrevious && histogram.deltaSince(m_previousHistogram, &delta)) {
        if (!m_bounds || *m_bounds != histogram.upperBounds)
            m_bounds = std::make_shared<const std::vector<double>>(histogram.upperBounds);
        HistogramInterval interval;
        interval.startMs = m_previousMs;
        interval.endMs = tMs;
        interval.upperBounds = m_bounds;
        double below = 0.0;
        for (const double cumulative : delta.cumulativeCounts) {
            interval.bucketIncreases.push_back(float(std::max(0.0, cumulative - below)));
            below = std::max(below, cumulative);
        }
        interval.count = delta.count;
        interval.sum = delta.sum;
        interval.p50 = delta.quantile(0.5);
        interval.p90 = delta.quantile(0.9);
        interval.p99 = delta.quantile(0.99);
        m_histograms.push_back(std::move(interval));
        keepBounded(m_histograms);
    } else if (m_hasPrevious) {
        ++m_resets; // counting restarts from this scrape
    }
    m_hasPrevious = true;
    m_previousMs = tMs;
    m_previousHistogram = histogram;
    return true;
}

std::optional<double> MetricSeries::mean(qint64 t0Ms, qint64 t1Ms) const {
    // A running mean: a sum of values near the largest double would overflow.
    double mean = 0.0;
    int count = 0;
    const auto first = std::lower_bound(m_points.begin(), m_points.end(), t0Ms,
                                        [](const Point& p, qint64 t) { return p.tMs < t; });
    for (auto it = first; it != m_points.end() && it->tMs <= t1Ms; ++it) {
        ++count;
        mean += it->value / count - mean / count;
    }
    if (count == 0)
        return std::nullopt;
    return mean;
}

std::optional<double> MetricSeries::max(qint64 t0Ms, qint64 t1Ms) const {
    std::optional<double> best;
    const auto first = std::lower_bound(m_points.begin(), m_points.end(), t0Ms,
                                        [](const Point& p, qint64 t) { return p.tMs < t; });
    for (auto it = first; it != m_points.end() && it->tMs <= t1Ms; ++it)
        best = best ? std::max(*best, it->value) : it->value;
    return best;
}

MetricSeries::Coverage MetricSeries::coverage(qint64 t0Ms, qint64 t1Ms) const {
    Coverage c;
    const auto first = std::lower_bound(m_intervals.begin(), m_intervals.end(), t0Ms,
                                        [](const Interval& i, qint64 t) { return i.endMs <= t; });
    for (auto it = first; it != m_intervals.end() && it->startMs < t1Ms; ++it) {
        const double overlap = double(std::min(it->endMs, t1Ms) - std::max(it->startMs, t0Ms));
        if (it->reset || overlap <= 0)
            continue;
        c.increase += it->increase * overlap / double(it->endMs - it->startMs);
        c.coveredMs += overlap;
    }
    return c;
}

std::optional<double> MetricSeries::increase(qint64 t0Ms, qint64 t1Ms) const {
    const Coverage c = coverage(t0Ms, t1Ms);
    if (c.coveredMs <= 0)
        return std::nullopt;
    return c.increase;
}

std::optional<double> MetricSeries::ratePerSecond(qint64 t0Ms, qint64 t1Ms) const {
    const Coverage c = coverage(t0Ms, t1Ms);
    if (c.coveredMs <= 0)
        return std::nullopt;
    return c.increase * 1000.0 / c.coveredMs;
}

std::optional<double> MetricSeries::quantile(double q, qint64 t0Ms, qint64 t1Ms) const {
    ServerHistogram total;
    for (const HistogramInterval& interval : m_histograms) {
        const qint64 midpoint = interval.startMs + (interval.endMs - interval.startMs) / 2;
        if (midpoint < t0Ms || midpoint > t1Ms)
            continue;
        if (total.upperBounds.empty()) {
            total.upperBounds = *interval.upperBounds;
            total.cumulativeCounts.assign(total.upperBounds.size(), 0.0);
        } else if (total.upperBounds != *interval.upperBounds) {
            continue; // the server changed its buckets: only the first layout is summed
        }
        double cumulative = 0.0;
        for (size_t i = 0; i < interval.bucketIncreases.size(); ++i) {
            cumulative += double(interval.bucketIncreases[i]);
            total.cumulativeCounts[i] += cumulative;
        }
    }
    const double value = total.quantile(q);
    if (std::isnan(value))
        return std::nullopt;
    return value;
}

qint64 MetricSeries::approximateBytes() const {
    // A deque stores its elements in blocks, about their size each; a histogram interval adds
    // its bucket vector's heap block (and its allocator's header).
    qint64 bytes = qint64(sizeof(*this));
    bytes += qint64(m_points.size() * sizeof(Point) + m_intervals.size() * sizeof(Interval));
    for (const HistogramInterval& h : m_histograms)
        bytes +=
            qint64(sizeof(HistogramInterval) + h.bucketIncreases.capacity() * sizeof(float) + 16);
    return bytes;
}
