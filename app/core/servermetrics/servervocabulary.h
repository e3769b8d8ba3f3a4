#pragma once

#include <QList>
#include <QString>
#include <vector>

// One vocabulary for what every serving engine reports under its own names: the quantities
// an engineer tuning vLLM or TGI looks at to explain a throughput plateau.
enum class ServerMetric {
    Running,          // sequences in the running batch (gauge, summed over label sets)
    Waiting,          // requests queued for admission (gauge, summed)
    KvUsage,          // KV-cache usage, a fraction 0..1 (gauge, max over label sets)
    PromptTokens,     // prompt (prefill) tokens processed (counter, summed)
    GenerationTokens, // generated tokens (counter, summed)
    Preemptions,      // sequences preempted to free KV cache (counter, summed)
    PrefixQueries,    // prefix-cache lookups, in tokens (counter, summed)
    PrefixHits,       // prefix-cache hits, in tokens (counter, summed)
    PrefixHitRate,    // prefix-cache hit rate 0..1 where only a gauge exists (mean)
    Ttft,             // server-side time to first token, seconds (histogram)
    Tpot,             // server-side time per output token / inter-token latency (histogram)
    E2eLatency,       // server-side request latency, seconds (histogram)
};

enum class MetricKind { Gauge, Counter, Histogram };

enum class ServerEngine { Unknown, Vllm, Sglang, Tgi, LlamaCpp };

class ServerVocabulary {
public:
    // How one engine exposes one vocabulary entry. Candidates for the same metric are tried in
    // table order (the current name first, then older ones); fromHistogramSum reads a
    // histogram's _sum as a counter (TGI counts tokens only in per-request histograms).
    struct Source {
        ServerMetric metric;
        const char* name;
        bool fromHistogramSum = false;
    };
    enum class Aggregation { Sum, Max, Mean };

    static const QList<ServerMetric>& all();
    static MetricKind kind(ServerMetric metric);
    static Aggregation aggregation(ServerMetric metric);
    // The snake_case key results use: "running", "waiting", "kv_usage", "prompt_tokens",
    // "generation_tokens", "preemptions", "prefix_queries", "prefix_hits", "prefix_hit_rate",
    // "ttft", "tpot", "e2e_latency".
    static QString key(ServerMetric metric);
    static bool fromKey(const QString& key, ServerMetric* metric);
    // "vLLM", "SGLang", "TGI", "llama.cpp", "unknown".
    static QString engineName(ServerEngine engine);
    static const QList<ServerEngine>& engines(); // the recognisable ones
    static const std::vector<Source>& sources(ServerEngine engine);
};
