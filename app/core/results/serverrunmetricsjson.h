#pragma once

#include "results/serverrunmetrics.h"

#include <QJsonObject>

// ServerRunMetrics in the results file, an addition to plateau.results/1:
//   "server_metrics": {"url", "engine", "interval_ms", "scrapes", "warnings": [{"kind",
//     "message"}], "series": {"running": [[t_ms, value], ...], ...}, "source_names": {...},
//     "extra_names": [...], "extra_series": {...}}
// and per level (merged into each level object): server_generation_tps, server_prompt_tps,
// server_running_mean, server_waiting_mean, server_kv_usage_max, server_prefix_hit_rate,
// server_preemptions, server_cross_check ({"difference", "flagged", "note"}). Readers accept
// files without any of it; malformed parts are skipped, never a failure of the whole file.
class ServerRunMetricsJson {
public:
    static constexpr qsizetype kMaxPointsPerSeries = 1'000'000;

    static QJsonObject toJson(const ServerRunMetrics& metrics);
    static ServerRunMetrics fromJson(const QJsonObject& object);
    // Adds the level's server_* fields to a level object.
    static void addLevelFields(const ServerLevelFigures& figures, QJsonObject* level);
    // The figures of a level object; isEmpty() and no note when it has none.
    static ServerLevelFigures levelFromJson(const QJsonObject& level, int index);
};
