#pragma once

#include "profile/jsonfieldreader.h"
#include "profile/latencymetric.h"

#include <QList>

// Reads a latency metric or statistic field of a profile ("metric": "ttft", "stat": "p95")
// into the enums, through LatencyNames: a name outside `allowed` fails with the field's path
// and the list ("must be one of ttft, tpot, e2e, itl; got ..."). An absent field leaves *out
// as it was. Only the exact names are taken ("median" is not "p50" in a profile).
namespace LatencyJson {
bool readMetric(JsonFieldReader* reader, const QString& key, const QList<LatencyMetric>& allowed,
                LatencyMetric* out);
bool readStat(JsonFieldReader* reader, const QString& key, const QList<LatencyStat>& allowed,
              LatencyStat* out);
} // namespace LatencyJson
