#include "models/lengthhistogram.h"

#include <algorithm>
#include <cmath>

namespace {
int nearestRank(const QList<int>& sorted, double p) {
    const auto rank = qsizetype(std::ceil(p * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}
} // namespace

int LengthHistogram::binWidth(int min, int max, int maxBins) {
    const qint64 bins = std::max(1, maxBins);
    // The smallest 1, 2, 5 × 10^k width that fits the span into maxBins bins (a bin more
    // may be needed because the first one starts at a multiple of the width).
    for (qint64 decade = 1;; decade *= 10) {
        for (const qint64 step : {1, 2, 5}) {
            const qint64 width = step * decade;
            const qint64 first = (min / width) * width;
            if ((qint64(max) - first) / width + 1 <= bins)
                return int(width);
        }
    }
}

LengthHistogram LengthHistogram::of(QList<int> values, int maxBins) {
    LengthHistogram h;
    if (values.isEmpty())
        return h;
    std::sort(values.begin(), values.end());
    h.m_count = values.size();
    h.m_min = values.constFirst();
    h.m_max = values.constLast();
    double sum = 0.0;
    for (const int v : std::as_const(values))
        sum += v;
    h.m_mean = sum / double(h.m_count);
    h.m_p50 = nearestRank(values, 0.5);
    h.m_p90 = nearestRank(values, 0.9);

    const int width = binWidth(h.m_min, h.m_max, maxBins);
    const int first = (h.m_min / width) * width;
    const int binCount = int((qint64(h.m_max) - first) / width + 1);
    h.m_bins.reserve(binCount);
    for (int i = 0; i < binCount; ++i) {
        const int from = first + i * width;
        h.m_bins.append(Bin{from, from + width - 1, 0});
    }
    for (const int v : std::as_const(values))
        ++h.m_bins[(v - first) / width].count;
    return h;
}

qint64 LengthHistogram::largestBinCount() const {
    qint64 largest = 0;
    for (const Bin& bin : m_bins)
        largest = std::max(largest, bin.count);
    return largest;
}
