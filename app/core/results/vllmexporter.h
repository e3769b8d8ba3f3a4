#pragma once

#include "results/runresult.h"

#include <QJsonObject>
#include <QString>

// Results in the shape of vLLM `bench serve --save-result` JSON (one object per level,
// its field names: duration, completed, failed, total_input_tokens, total_output_tokens,
// request_throughput, output_throughput, total_token_throughput, input_lens, output_lens,
// ttfts[], itls[[..]], generated_texts, errors, and mean_/median_/std_/pNN_ for ttft,
// tpot, itl and e2el in ms), so existing scripts can read Plateau's results.
// Note: vLLM's "output_throughput" (all output tokens / benchmark duration) is Plateau's
// output_throughput_total_tps, not the steady-window output_throughput_tps, which is
// added as "plateau_output_throughput_tps".
class VllmExporter {
public:
    // levelIndex: position in result.summary.levels.
    static QJsonObject levelToJson(const RunResult& result, int levelIndex);
    // {"plateau_export":"vllm-bench-serve","levels":[...]} for the whole sweep.
    static QJsonObject toJson(const RunResult& result);
    static QByteArray toBytes(const RunResult& result); // toJson(), compact
    // Through OutputFile: a regular file only, replaced atomically.
    static bool save(const RunResult& result, const QString& path, QString* error);
};
