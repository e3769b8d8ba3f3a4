#pragma once

#include "profile/latencymetric.h"
#include "profile/sweepplan.h"

#include <QJsonObject>
#include <QString>

// The plan's "until_stable" object (issue 13), kept apart from the rest of the profile format:
//   {"throughput_half_width": 0.02, "latency_half_width": 0.05, "metric": "ttft",
//    "stat": "p95", "min_s": 10, "max_s": 300}
// Its presence switches the mode on; every field is optional (the defaults above). A plan
// without it reads and writes as before.
class UntilStableJson {
public:
    static QJsonObject toJson(const SweepPlan::UntilStable& settings);
    // path: where the object sits ("plan.until_stable"), for messages. Sets enabled.
    static bool fromJson(const QJsonObject& object, const QString& path,
                         SweepPlan::UntilStable* settings, QString* error);

    // What the mode can watch: the latency metrics and the percentiles.
    static const QList<LatencyMetric>& metrics();  // ttft, tpot, e2e
    static const QList<LatencyStat>& stats();      // p50, p90, p95, p99
    static constexpr double kMinHalfWidth = 0.001; // 0.1%: narrower takes days
    static constexpr double kMaxHalfWidth = 1.0;
    static constexpr double kMinSeconds = 1.0;
    static constexpr double kMaxSeconds = 7 * 86400.0; // as a level's duration
};
