#include "transport/lagprobe.h"

#include "common/monotonicclock.h"

#include <QMutexLocker>
#include <algorithm>
#include <ctime>

namespace {
// A probe never holds more than this many samples between two takes (~10 min at 10 ms),
// so a caller that forgets to take them cannot grow memory without bound.
constexpr qsizetype kMaxSamples = 60000;

// CPU time of the calling thread: what tells a quiet loop from a busy one.
qint64 threadCpuNs() {
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
} // namespace

LagProbe::LagProbe(QObject* parent)
    : QObject(parent)
    , m_timer(this) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LagProbe::onTimeout);
}

void LagProbe::start(int intervalMs) {
    m_sampling = LagSampling(intervalMs);
    m_lastFiringNs = MonotonicClock::nowNs();
    m_lastCpuNs = threadCpuNs();
    arm(m_lastFiringNs);
}

void LagProbe::stop() {
    m_timer.stop();
}

int LagProbe::intervalMs() const {
    return m_sampling.intervalMs();
}

void LagProbe::arm(qint64 nowNs) {
    m_dueNs = nowNs + qint64(m_sampling.intervalMs()) * 1000000;
    m_timer.start(m_sampling.intervalMs());
}

void LagProbe::onTimeout() {
    const qint64 now = MonotonicClock::nowNs();
    const qint64 cpu = threadCpuNs();
    const qint64 lateNs = std::max<qint64>(0, now - m_dueNs);
    const int copies = m_sampling.onFiring(lateNs, now - m_lastFiringNs, cpu - m_lastCpuNs);
    m_lastFiringNs = now;
    m_lastCpuNs = cpu;
    {
        QMutexLocker lock(&m_mutex);
        const qsizetype room = std::max<qsizetype>(0, kMaxSamples - m_samples.size());
        m_samples.insert(m_samples.size(), std::min<qsizetype>(copies, room), double(lateNs) / 1e6);
    }
    arm(now);
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
