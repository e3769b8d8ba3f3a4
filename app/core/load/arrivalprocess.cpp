#include "load/arrivalprocess.h"

#include <algorithm>
#include <cmath>

namespace {
double positiveOr(double value, double fallback) {
    return value > 0.0 ? value : fallback;
}
} // namespace

ArrivalProcess::ArrivalProcess(SweepPlan::Arrival kind, double rate, double burstiness,
                               quint64 seed)
    : m_rate(positiveOr(rate, 1.0))
    , m_shape(kind == SweepPlan::Arrival::Gamma ? positiveOr(burstiness, 1.0) : 1.0)
    , m_engine(seed)
    , m_gamma(m_shape, 1.0 / (m_rate * m_shape)) {}

qint64 ArrivalProcess::nextGapNs() {
    const double seconds = m_gamma(m_engine);
    return std::max<qint64>(0, qint64(std::llround(seconds * 1e9)));
}
