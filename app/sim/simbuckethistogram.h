#pragma once

#include <QtGlobal>
#include <vector>

// A Prometheus histogram: fixed upper bounds (le), a count per bucket, the sum and the count
// of observations. Cumulative counts are what the exposition format shows.
class SimBucketHistogram {
public:
    explicit SimBucketHistogram(std::vector<double> upperBounds);

    void observe(double value);
    void merge(const SimBucketHistogram& other); // same bounds
    void clear();
    const std::vector<double>& upperBounds() const { return m_bounds; }
    // Observations <= upperBounds()[bucket]; the +Inf bucket is count().
    qint64 cumulativeCount(size_t bucket) const;
    qint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    std::vector<double> m_bounds;
    std::vector<qint64> m_counts; // per bucket, not cumulative; the last one is +Inf
    qint64 m_count = 0;
    double m_sum = 0.0;
};
