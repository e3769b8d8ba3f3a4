#include "eventloopprobe.h"

#include <algorithm>
#include <cmath>

EventLoopProbe::EventLoopProbe(int intervalMs, QObject* parent)
    : QObject(parent)
    , m_intervalMs(intervalMs) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start() {
    m_clock.start();
    m_lastNs = -1;
    m_timer.start();
}

void EventLoopProbe::stop() {
    m_timer.stop();
}

void EventLoopProbe::reset() {
    m_stallsMs.clear();
    m_atS.clear();
    m_lastNs = -1;
}

void EventLoopProbe::tick() {
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        m_stallsMs.append(std::max(0.0, (now - m_lastNs) / 1e6 - m_intervalMs));
        m_atS.append(now / 1e9);
    }
    m_lastNs = now;
}

double EventLoopProbe::worstStallMs() const {
    return m_stallsMs.isEmpty() ? 0.0 : *std::max_element(m_stallsMs.begin(), m_stallsMs.end());
}

double EventLoopProbe::stallPercentileMs(double percentile) const {
    if (m_stallsMs.isEmpty())
        return 0.0;
    QList<double> sorted = m_stallsMs;
    std::sort(sorted.begin(), sorted.end());
    const double rank = percentile / 100.0 * (sorted.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const auto hi = qsizetype(std::ceil(rank));
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

int EventLoopProbe::stallsOver(double ms) const {
    return int(
        std::count_if(m_stallsMs.begin(), m_stallsMs.end(), [ms](double s) { return s > ms; }));
}

QStringList EventLoopProbe::stallsOverAt(double ms) const {
    QStringList out;
    for (qsizetype i = 0; i < m_stallsMs.size(); ++i) {
        if (m_stallsMs.at(i) > ms)
            out << QStringLiteral("%1 s: %2 ms")
                       .arg(m_atS.at(i), 0, 'f', 2)
                       .arg(m_stallsMs.at(i), 0, 'f', 0);
    }
    return out;
}
