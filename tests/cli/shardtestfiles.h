#pragma once

#include "groundtruth.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

// Reading what shard runs and merges wrote, and the simulator's ledger share rule, for the
// shard tests (issue 15).
namespace ShardTestFiles {
inline QJsonObject readObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QJsonObject journalHeader(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readLine()).object();
}

// A request's share of its server-side lifetime inside [from, to] (METRICS.md's rule).
inline double shareInside(const SimRequestTruth& r, qint64 from, qint64 to) {
    const qint64 span = r.finishedNs - r.arrivalNs;
    if (span <= 0)
        return 0.0;
    const qint64 inside = std::min(to, r.finishedNs) - std::max(from, r.arrivalNs);
    return inside <= 0 ? 0.0 : double(inside) / double(span);
}
// Converts a merged result's times (ms from its run start, on the corrected wall clock) to
// a shard's monotonic clock, which the simulator on the same machine shares.
struct MergedClock {
    qint64 runStart0 = 0; // the shard's run start, monotonic ns
    double shift0Ms = 0;  // the shard's run start in the merged result's time

    static MergedClock of(const QString& shardJournal, const QJsonObject& merged) {
        const QJsonObject head = journalHeader(shardJournal);
        const QJsonObject shard = head.value(QLatin1String("shard")).toObject();
        const double wall0 = shard.value(QLatin1String("run_start_wall_ms")).toDouble() +
                             shard.value(QLatin1String("clock"))
                                 .toObject()
                                 .value(QLatin1String("offset_ms"))
                                 .toDouble();
        const double origin = merged.value(QLatin1String("shard"))
                                  .toObject()
                                  .value(QLatin1String("run_start_wall_ms"))
                                  .toDouble();
        return {head.value(QLatin1String("run_start_ns")).toInteger(), wall0 - origin};
    }
    qint64 toMonotonic(double mergedMs) const {
        return runStart0 + qint64(std::llround((mergedMs - shift0Ms) * 1e6));
    }
};
} // namespace ShardTestFiles
