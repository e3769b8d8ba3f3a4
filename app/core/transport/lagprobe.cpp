#include "transport/lagprobe.h"

#include "common/monotonicclock.h"

#include <QMutexLocker>
#include <algorithm>

namespace {
// A probe never holds more than this many samples between two takes (~10 min at 10 ms),
// so a caller that forgets to take them cannot grow memory without bound.
constexpr qsizetype kMaxSamples = 60000;
} // namespace

LagProbe::LagProbe(QObject* parent)
    : QObject(parent)
    , m_timer(this) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LagProbe::onTimeout);
}

void LagProbe::start(int intervalMs) {
    m_intervalMs = std::max(1, intervalMs);
    m_dueNs = MonotonicClock::nowNs() + qint64(m_intervalMs) * 1000000;
    m_timer.start(m_intervalMs);
}

void LagProbe::stop() {
    m_timer.stop();
}

void LagProbe::onTimeout() {
    const qint64 now = MonotonicClock::nowNs();
    const double lateMs = std::max<qint64>(0, now - m_dueNs) / 1e6;
    {
        QMutexLocker lock(&m_mutex);
        if (m_samples.size() < kMaxSamples)
            m_samples.append(lateMs);
    }
    m_dueNs = now + qint64(m_intervalMs) * 1000000;
    m_timer.start(m_intervalMs);
}

QList<double> LagProbe::takeSamplesMs() {
    QMutexLocker lock(&m_mutex);
    QList<double> out;
    out.swap(m_samples);
    return out;
}

double LagProbe::p99(QList<double> samples) {
    if (samples.isEmpty())
        return 0.0;
    std::sort(samples.begin(), samples.end());
    const double rank = 0.99 * double(samples.size() - 1);
    const auto lo = qsizetype(rank);
    const qsizetype hi = std::min(lo + 1, samples.size() - 1);
    const double frac = rank - double(lo);
    return samples.at(lo) + (samples.at(hi) - samples.at(lo)) * frac;
}
