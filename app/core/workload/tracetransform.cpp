#include "workload/tracetransform.h"

#include <QLocale>

#include <cmath>

QString TraceTransform::validateSpeed(double speed) {
    if (std::isfinite(speed) && speed >= kMinSpeed && speed <= kMaxSpeed)
        return {};
    return QStringLiteral("trace speed %1 is outside %2..%3")
        .arg(QString::number(speed, 'g', QLocale::FloatingPointShortest))
        .arg(kMinSpeed)
        .arg(kMaxSpeed);
}

QList<TraceEntry> TraceTransform::scaled(QList<TraceEntry> entries, double speed) {
    if (!validateSpeed(speed).isEmpty())
        return entries;
    for (TraceEntry& entry : entries)
        entry.timestampMs /= speed;
    return entries;
}

QList<TraceEntry> TraceTransform::window(const QList<TraceEntry>& entries, double fromMs,
                                         double toMs) {
    QList<TraceEntry> kept;
    for (const TraceEntry& entry : entries) {
        if (entry.timestampMs < fromMs || (toMs >= 0 && entry.timestampMs >= toMs))
            continue;
        kept.append(entry);
        kept.last().timestampMs -= fromMs;
    }
    return kept;
}

QList<TraceEntry> TraceTransform::startAtZero(QList<TraceEntry> entries) {
    if (entries.isEmpty())
        return entries;
    const double first = entries.first().timestampMs;
    for (TraceEntry& entry : entries)
        entry.timestampMs -= first;
    return entries;
}

double TraceTransform::durationMs(const QList<TraceEntry>& entries) {
    return entries.size() < 2 ? 0.0 : entries.last().timestampMs - entries.first().timestampMs;
}

double TraceTransform::ratePerSecond(const QList<TraceEntry>& entries) {
    const double duration = durationMs(entries);
    return duration > 0 ? double(entries.size() - 1) * 1000.0 / duration : 0.0;
}
