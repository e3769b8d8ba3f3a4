#include "metrics/latencyvalues.h"

namespace LatencyValues {

double of(const LatencyStats& stats, LatencyStat stat) {
    switch (stat) {
    case LatencyStat::Mean:
        return stats.mean;
    case LatencyStat::P50:
        return stats.p50;
    case LatencyStat::P90:
        return stats.p90;
    case LatencyStat::P95:
        return stats.p95;
    case LatencyStat::P99:
        return stats.p99;
    case LatencyStat::Max:
        return stats.max;
    case LatencyStat::Min:
        return stats.min;
    case LatencyStat::Std:
        return stats.std;
    case LatencyStat::Count:
        return double(stats.count);
    }
    return LatencyStats::nan;
}

FigureInterval intervalOf(const LatencyStats& stats, LatencyStat stat) {
    switch (stat) {
    case LatencyStat::P50:
        return stats.p50Ci;
    case LatencyStat::P90:
        return stats.p90Ci;
    case LatencyStat::P95:
        return stats.p95Ci;
    case LatencyStat::P99:
        return stats.p99Ci;
    default:
        return {};
    }
}

const LatencyStats& of(const LevelSummary& level, LatencyMetric metric) {
    switch (metric) {
    case LatencyMetric::Ttft:
        return level.ttftMs;
    case LatencyMetric::Tpot:
        return level.tpotMs;
    case LatencyMetric::E2e:
        return level.e2eMs;
    case LatencyMetric::Itl:
        return level.itlMs;
    case LatencyMetric::Queue:
        return level.queueMs;
    case LatencyMetric::Ttfb:
        return level.ttfbMs;
    case LatencyMetric::Ttfe:
        return level.ttfeMs;
    }
    return level.e2eMs; // unreachable: every metric is listed above
}

double ofRequest(const RequestRecord& record, LatencyMetric metric) {
    switch (metric) {
    case LatencyMetric::Ttft:
        return record.ttftMs();
    case LatencyMetric::Tpot:
        return record.tpotMs();
    case LatencyMetric::E2e:
        return record.e2eMs();
    case LatencyMetric::Queue:
        return record.queueMs();
    case LatencyMetric::Ttfb:
        return record.ttfbMs();
    case LatencyMetric::Ttfe:
        return record.ttfeMs();
    case LatencyMetric::Itl:
        break;
    }
    return LatencyStats::nan;
}

} // namespace LatencyValues
