#include "sim/sliphistogram.h"

#include <algorithm>
#include <cmath>

SlipHistogram::SlipHistogram()
    : m_bins(kBins + 1, 0) {}

void SlipHistogram::add(qint64 slipNs) {
    // A send a hair before its plan (clock granularity) counts as on time.
    const qint64 ns = std::max<qint64>(0, slipNs);
    const qint64 bin = std::min<qint64>(ns / kBinNs, kBins);
    ++m_bins[size_t(bin)];
    ++m_count;
    m_maxNs = std::max(m_maxNs, ns);
}

void SlipHistogram::clear() {
    std::fill(m_bins.begin(), m_bins.end(), 0);
    m_count = 0;
    m_maxNs = 0;
}

double SlipHistogram::percentileMs(double p) const {
    if (m_count == 0)
        return 0.0;
    // Rank of the sample at percentile p (nearest rank), reported as its bin's upper edge so
    // the figure never flatters the simulator.
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(p / 100.0 * double(m_count))));
    qint64 seen = 0;
    for (int i = 0; i <= kBins; ++i) {
        seen += m_bins[size_t(i)];
        if (seen >= rank) {
            if (i == kBins)
                return maxMs();
            return std::min(double((i + 1) * kBinNs), double(m_maxNs)) / 1e6;
        }
    }
    return maxMs();
}
