#pragma once

#include <QtGlobal>
#include <vector>

// Schedule slip (actual send - planned send) in fixed 5 µs bins up to 200 ms, plus an
// overflow bin: O(1) to record on the hot path, percentiles without keeping samples.
class SlipHistogram {
public:
    SlipHistogram();
    void add(qint64 slipNs);
    void clear();
    qint64 count() const { return m_count; }
    double percentileMs(double p) const; // p in [0, 100]; 0 when empty
    double maxMs() const { return double(m_maxNs) / 1e6; }

private:
    static constexpr qint64 kBinNs = 5000;
    static constexpr int kBins = 40000; // 200 ms
    std::vector<qint64> m_bins;
    qint64 m_count = 0;
    qint64 m_maxNs = 0;
};
