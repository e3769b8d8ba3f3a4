#pragma once

#include "sim/simservercounters.h"
#include "sim/simstats.h"

#include <QByteArray>
#include <QString>

// GET /metrics: the engine's state in the Prometheus text exposition format (version 0.0.4)
// under vLLM's metric names, labelled model_name and engine="0" as vLLM labels them, so a
// scraper written for vLLM reads the simulator and can be checked against its ground truth.
// KV-cache usage is served under both names vLLM has used: vllm:gpu_cache_usage_perc (until
// 0.9) and vllm:kv_cache_usage_perc; per-token latency under vllm:time_per_output_token_seconds
// and its newer name vllm:inter_token_latency_seconds. Usage is a fraction (1 = full), as in
// vLLM despite "perc", and 0 when kv_cache_tokens is unlimited.
class SimMetricsText {
public:
    static QByteArray render(const SimStats& stats, const SimServerCounters& counters,
                             const QString& modelName);
    static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

    // A sample value as Prometheus writes it: "1.0", "0.25", "+Inf", "NaN".
    static QByteArray number(double value);
    // A label value with \\, \" and \n escaped.
    static QByteArray escapeLabel(const QString& value);
};
