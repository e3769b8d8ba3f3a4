#include "sweep/levelstabilitymonitor.h"

#include "metrics/latencyvalues.h"
#include "profile/latencymetric.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kNsPerS = 1'000'000'000;
constexpr qint64 kMinSkipNs = kNsPerS; // at least the level's first second
constexpr qint64 kEvaluateEveryNs = kNsPerS;
constexpr qint64 kMinIntervalNs = 50'000'000; // a tick closer than this waits for the next
} // namespace

LevelStabilityMonitor::LevelStabilityMonitor(const SweepPlan::UntilStable& settings, qint64 startNs,
                                             qint64 contentEvents, double rampS)
    : m_settings(settings)
    , m_startNs(startNs)
    , m_seriesFromNs(startNs + std::max(kMinSkipNs, qint64(std::llround(rampS * 1e9))))
    , m_lastSampleNs(startNs)
    , m_lastEvents(contentEvents) {
    m_targets.throughputRelHalfWidth = settings.throughputHalfWidth;
    m_targets.percentileRelHalfWidth = settings.latencyHalfWidth;
    m_targets.minSeconds = settings.minSeconds;
    m_targets.maxSeconds = settings.maxSeconds;
}

void LevelStabilityMonitor::sample(qint64 nowNs, qint64 contentEvents) {
    if (nowNs - m_lastSampleNs < kMinIntervalNs)
        return;
    // Intervals before the series starts only move the baseline.
    if (m_lastSampleNs >= m_seriesFromNs) {
        const double seconds = double(nowNs - m_lastSampleNs) / 1e9;
        m_rates.push_back(double(contentEvents - m_lastEvents) / seconds);
    }
    m_lastSampleNs = nowNs;
    m_lastEvents = contentEvents;
}

void LevelStabilityMonitor::onRecord(const RequestRecord& record) {
    if (record.warmup || !record.ok())
        return;
    const double value = LatencyValues::ofRequest(record, m_settings.metric);
    if (std::isfinite(value))
        m_latencies.push_back(value);
}

const StabilityDecision& LevelStabilityMonitor::evaluate(qint64 nowNs) {
    if (m_lastEvaluationNs >= 0 && nowNs - m_lastEvaluationNs < kEvaluateEveryNs)
        return m_last;
    m_lastEvaluationNs = nowNs;
    const double elapsed = double(nowNs - m_startNs) / 1e9;
    m_last = StabilityRule::evaluateData(m_rates, m_latencies,
                                         LatencyNames::quantile(m_settings.stat).value_or(0.5),
                                         elapsed, m_targets);
    return m_last;
}

QString LevelStabilityMonitor::verdict(double issuedSeconds) const {
    const auto part = [](const QString& name, double halfWidth, double target) {
        const QString now = std::isfinite(halfWidth)
                                ? QString::number(halfWidth * 100.0, 'f', 1) + u'%'
                                : QStringLiteral("? (too little data)");
        return QStringLiteral("%1 +-%2 (target %3%)")
            .arg(name, now, QString::number(target * 100.0, 'g', 3));
    };
    const QString widths =
        part(QStringLiteral("tok/s"), m_last.throughputRelHalfWidth,
             m_settings.throughputHalfWidth) +
        QStringLiteral(", ") +
        part(latencyName(), m_last.percentileRelHalfWidth, m_settings.latencyHalfWidth);
    if (m_last.stop && m_last.reason == "stable")
        return QStringLiteral("stable after %1 s: ").arg(issuedSeconds, 0, 'f', 1) + widths;
    return QStringLiteral("not stable within %1 s: ").arg(issuedSeconds, 0, 'f', 1) + widths +
           QStringLiteral("; its intervals are wider than asked");
}

LevelRunInfo::Stability LevelStabilityMonitor::outcome(bool complete) const {
    LevelRunInfo::Stability s;
    const bool stable = m_last.stop && m_last.reason == "stable";
    s.ended = !complete ? QStringLiteral("stopped")
              : stable  ? QStringLiteral("stable")
                        : QStringLiteral("max_time");
    s.throughputHalfWidth = m_last.throughputRelHalfWidth;
    s.latencyHalfWidth = m_last.percentileRelHalfWidth;
    s.latency = LatencyNames::key(m_settings.metric) + u':' + LatencyNames::key(m_settings.stat);
    return s;
}

QString LevelStabilityMonitor::latencyName() const {
    return LatencyNames::displayName(m_settings.metric, m_settings.stat);
}
