#pragma once

#include <QJsonValue>
#include <climits>
#include <cmath>

// Conversions between the journal's absolute nanoseconds and the results file's
// milliseconds from an origin. ms are written with full double precision, so ns come
// back exactly (a run would need to last ~100 days before a ns is lost).
namespace JsonTime {
// ns - originNs in ms; null when the moment never happened (ns < 0).
inline QJsonValue offsetMs(qint64 ns, qint64 originNs) {
    return ns < 0 ? QJsonValue() : QJsonValue(double(ns - originNs) / 1e6);
}

// A duration in ms, null when undefined (NaN).
inline QJsonValue msOrNull(double ms) {
    return std::isfinite(ms) ? QJsonValue(ms) : QJsonValue();
}

// originNs + value in ns; -1 when null, not a number, or out of range (a hand-edited or
// hostile file must not overflow anything).
inline qint64 nsFromMs(const QJsonValue& value, qint64 originNs) {
    if (!value.isDouble())
        return -1;
    const double ns = std::round(value.toDouble() * 1e6);
    if (!std::isfinite(ns) || std::fabs(ns) > 4.0e18 || originNs > qint64(4.0e18))
        return -1;
    const qint64 result = originNs + qint64(ns);
    return result < 0 ? -1 : result;
}

inline int smallInt(const QJsonValue& value, int fallback) {
    const qint64 v = value.toInteger(fallback);
    return v < INT_MIN || v > INT_MAX ? fallback : int(v);
}

inline double finiteOr(const QJsonValue& value, double fallback) {
    const double d = value.toDouble(fallback);
    return std::isfinite(d) ? d : fallback;
}
} // namespace JsonTime
