#pragma once

#include "workload/traceentry.h"

#include <QList>
#include <QString>

// Pure functions over a time-sorted trace: how it is replayed.
class TraceTransform {
public:
    static constexpr double kMinSpeed = 0.01;
    static constexpr double kMaxSpeed = 100.0;

    // "" when `speed` can be used, else why not.
    static QString validateSpeed(double speed);
    // Replayed `speed` times as fast: every timestamp divided by speed (2: twice the rate).
    static QList<TraceEntry> scaled(QList<TraceEntry> entries, double speed);
    // The entries due in [fromMs, toMs) (toMs < 0: to the end), shifted so that fromMs
    // becomes 0: "replay minutes 10 to 15" starts at once.
    static QList<TraceEntry> window(const QList<TraceEntry>& entries, double fromMs, double toMs);
    // Shifted so that the first entry is due at 0.
    static QList<TraceEntry> startAtZero(QList<TraceEntry> entries);
    // From the first entry to the last; 0 with fewer than two.
    static double durationMs(const QList<TraceEntry>& entries);
    // Requests per second over the trace's span ((n - 1) / duration); 0 when undefined.
    // The level compares the rate it achieved with this one.
    static double ratePerSecond(const QList<TraceEntry>& entries);
};
