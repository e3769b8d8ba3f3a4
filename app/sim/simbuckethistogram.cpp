#include "sim/simbuckethistogram.h"

#include <algorithm>

SimBucketHistogram::SimBucketHistogram(std::vector<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_counts(m_bounds.size() + 1, 0) {}

void SimBucketHistogram::observe(double value) {
    // le: the first bound at or above the value.
    const auto bucket =
        std::lower_bound(m_bounds.begin(), m_bounds.end(), value) - m_bounds.begin();
    ++m_counts[size_t(bucket)];
    ++m_count;
    m_sum += value;
}

qint64 SimBucketHistogram::cumulativeCount(size_t bucket) const {
    qint64 total = 0;
    for (size_t i = 0; i <= bucket && i < m_counts.size(); ++i)
        total += m_counts[i];
    return total;
}

void SimBucketHistogram::merge(const SimBucketHistogram& other) {
    for (size_t i = 0; i < m_counts.size() && i < other.m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_sum += other.m_sum;
}

void SimBucketHistogram::clear() {
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_count = 0;
    m_sum = 0.0;
}
