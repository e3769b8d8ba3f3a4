#pragma once

#include <QList>

// Lengths (tokens or words) counted into a few bins of a round width, with the figures a
// user reads under a histogram: count, mean, p50, p90. Built once from the values; the
// workload preview draws it (charts/lengthhistogramchart.h).
class LengthHistogram {
public:
    struct Bin {
        int from = 0; // inclusive
        int to = 0;   // inclusive
        qint64 count = 0;
        bool operator==(const Bin&) const = default;
    };
    static constexpr int kDefaultBins = 24;

    // Bins of width 1, 2 or 5 × 10^k, starting at a multiple of the width, at most maxBins
    // of them; one bin when every value is the same. Empty values: an empty histogram.
    static LengthHistogram of(QList<int> values, int maxBins = kDefaultBins);

    const QList<Bin>& bins() const { return m_bins; }
    qint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    double mean() const { return m_mean; }
    int min() const { return m_min; }
    int max() const { return m_max; }
    // Nearest-rank percentiles (the value at rank ceil(p·n)), as the level table does.
    int p50() const { return m_p50; }
    int p90() const { return m_p90; }
    qint64 largestBinCount() const;

    // The round bin width for values in [min, max] with at most maxBins bins.
    static int binWidth(int min, int max, int maxBins);

private:
    QList<Bin> m_bins;
    qint64 m_count = 0;
    double m_mean = 0.0;
    int m_min = 0;
    int m_max = 0;
    int m_p50 = 0;
    int m_p90 = 0;
};
