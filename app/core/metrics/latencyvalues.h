#pragma once

#include "metrics/latencystats.h"
#include "metrics/levelsummary.h"
#include "profile/latencymetric.h"
#include "record/requestrecord.h"

// Typed access to the latency figures: a level's distribution of a LatencyMetric, a
// statistic of a distribution, one request's value. The string lookups of LatencyStats and
// LevelSummary (for the files' names) go through LatencyNames to these.
namespace LatencyValues {
double of(const LatencyStats& stats, LatencyStat stat);
FigureInterval intervalOf(const LatencyStats& stats, LatencyStat stat); // percentiles only
const LatencyStats& of(const LevelSummary& level, LatencyMetric metric);
// NaN for Itl, which is a distribution per request (RequestRecord::itlMs()).
double ofRequest(const RequestRecord& record, LatencyMetric metric);
} // namespace LatencyValues
