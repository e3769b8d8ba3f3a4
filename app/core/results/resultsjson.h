#pragma once

#include "runresult.h"

#include <QJsonObject>
#include <QString>
#include <optional>

// The results file, "schema": "plateau.results/1": tool version, start time, the profile
// (no secrets), levels[] (every per-level field; latencies as {mean,std,min,max,p50,p90,
// p95,p99}), requests[] (level, t_send_ms from run start, every per-request field),
// plateau, best_in_budget. Readable back for re-plotting without rerunning.
class ResultsJson {
public:
    static QJsonObject toJson(const RunResult& result);
    static std::optional<RunResult> fromJson(const QJsonObject& object, QString* error);
    static bool save(const RunResult& result, const QString& path, QString* error); // QSaveFile
    static std::optional<RunResult> load(const QString& path, QString* error);
};
