#include "transport/lagsampling.h"

#include <algorithm>

LagSampling::LagSampling(int baseMs)
    : m_baseMs(std::max(1, baseMs)) {}

int LagSampling::onFiring(qint64 lateNs, qint64 spanNs, qint64 threadCpuNs) {
    const int copies = m_stretch;
    const bool onTime = lateNs < kOnTimeNs;
    const bool quiet = spanNs > 0 && double(threadCpuNs) < kQuietCpuShare * double(spanNs);
    m_stretch = onTime && quiet ? std::min(kMaxStretch, m_stretch * 2) : 1;
    return copies;
}
