#pragma once

#include "runresult.h"

#include <QJsonObject>
#include <QString>

// Results in the shape of vLLM `bench serve --save-result` JSON (one object per level,
// its field names: mean_ttft_ms, p99_tpot_ms, output_throughput, ttfts[], itls[] ...), so
// existing scripts can read Plateau's results. Note: vLLM's "output_throughput" is
// Plateau's output_throughput_total_tps.
class VllmExporter {
public:
    static QJsonObject levelToJson(const RunResult& result, int levelIndex);
    // {"plateau_export":"vllm-bench-serve","levels":[...]} for the whole sweep.
    static QJsonObject toJson(const RunResult& result);
    static bool save(const RunResult& result, const QString& path, QString* error);
};
