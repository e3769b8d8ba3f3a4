#include "profile/latencymetric.h"

#include <array>
#include <utility>

namespace {
// The file strings: never change one, profiles and results files carry them.
constexpr std::array<std::pair<LatencyMetric, const char*>, 7> kMetricKeys = {{
    {LatencyMetric::Ttft, "ttft"},
    {LatencyMetric::Tpot, "tpot"},
    {LatencyMetric::E2e, "e2e"},
    {LatencyMetric::Itl, "itl"},
    {LatencyMetric::Queue, "queue"},
    {LatencyMetric::Ttfb, "ttfb"},
    {LatencyMetric::Ttfe, "ttfe"},
}};
constexpr std::array<std::pair<LatencyStat, const char*>, 9> kStatKeys = {{
    {LatencyStat::Mean, "mean"},
    {LatencyStat::P50, "p50"},
    {LatencyStat::P90, "p90"},
    {LatencyStat::P95, "p95"},
    {LatencyStat::P99, "p99"},
    {LatencyStat::Max, "max"},
    {LatencyStat::Min, "min"},
    {LatencyStat::Std, "std"},
    {LatencyStat::Count, "count"},
}};

template <class Enum, size_t N>
QString keyOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
    for (const auto& entry : table) {
        if (entry.first == value)
            return QLatin1String(entry.second);
    }
    return {};
}

template <class Enum, size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table,
                            const QString& key) {
    for (const auto& entry : table) {
        if (key == QLatin1String(entry.second))
            return entry.first;
    }
    return std::nullopt;
}
} // namespace

namespace LatencyNames {

QString key(LatencyMetric metric) {
    return keyOf(kMetricKeys, metric);
}

QString key(LatencyStat stat) {
    return keyOf(kStatKeys, stat);
}

std::optional<LatencyMetric> metricFromKey(const QString& key) {
    return valueOf(kMetricKeys, key);
}

std::optional<LatencyStat> statFromKey(const QString& key) {
    if (key == QLatin1String("median"))
        return LatencyStat::P50;
    return valueOf(kStatKeys, key);
}

QString displayName(LatencyMetric metric) {
    if (metric == LatencyMetric::E2e || metric == LatencyMetric::Queue)
        return key(metric);
    return key(metric).toUpper();
}

QString displayName(LatencyMetric metric, LatencyStat stat) {
    return displayName(metric) + QLatin1Char(' ') + key(stat);
}

std::optional<double> quantile(LatencyStat stat) {
    switch (stat) {
    case LatencyStat::P50:
        return 0.50;
    case LatencyStat::P90:
        return 0.90;
    case LatencyStat::P95:
        return 0.95;
    case LatencyStat::P99:
        return 0.99;
    default:
        return std::nullopt;
    }
}

const QList<LatencyMetric>& budgetMetrics() {
    static const QList<LatencyMetric> metrics = {LatencyMetric::Ttft, LatencyMetric::Tpot,
                                                 LatencyMetric::E2e, LatencyMetric::Itl};
    return metrics;
}

const QList<LatencyStat>& budgetStats() {
    static const QList<LatencyStat> stats = {LatencyStat::Mean, LatencyStat::P50, LatencyStat::P90,
                                             LatencyStat::P95,  LatencyStat::P99, LatencyStat::Max};
    return stats;
}

QStringList keys(const QList<LatencyMetric>& metrics) {
    QStringList out;
    for (LatencyMetric metric : metrics)
        out << key(metric);
    return out;
}

QStringList keys(const QList<LatencyStat>& stats) {
    QStringList out;
    for (LatencyStat stat : stats)
        out << key(stat);
    return out;
}

} // namespace LatencyNames
