#include "servermetrics/servervocabulary.h"

namespace {
using Source = ServerVocabulary::Source;
using M = ServerMetric;

// vLLM (vllm/v1/metrics/loggers.py; the simulator serves these names too). KV usage is a
// fraction despite "_perc"; gpu_cache_usage_perc and gpu_prefix_cache_* are the names before
// 0.9, time_per_output_token_seconds the name before inter_token_latency_seconds.
const std::vector<Source> kVllm = {
    {M::Running, "vllm:num_requests_running"},
    {M::Waiting, "vllm:num_requests_waiting"},
    {M::KvUsage, "vllm:kv_cache_usage_perc"},
    {M::KvUsage, "vllm:gpu_cache_usage_perc"},
    {M::PromptTokens, "vllm:prompt_tokens_total"},
    {M::GenerationTokens, "vllm:generation_tokens_total"},
    {M::Preemptions, "vllm:num_preemptions_total"},
    {M::PrefixQueries, "vllm:prefix_cache_queries_total"},
    {M::PrefixQueries, "vllm:gpu_prefix_cache_queries_total"},
    {M::PrefixHits, "vllm:prefix_cache_hits_total"},
    {M::PrefixHits, "vllm:gpu_prefix_cache_hits_total"},
    {M::PrefixHitRate, "vllm:gpu_prefix_cache_hit_rate"},
    {M::Ttft, "vllm:time_to_first_token_seconds"},
    {M::Tpot, "vllm:inter_token_latency_seconds"},
    {M::Tpot, "vllm:time_per_output_token_seconds"},
    {M::E2eLatency, "vllm:e2e_request_latency_seconds"},
};

// SGLang (python/sglang/srt/metrics/collector.py): token_usage and cache_hit_rate are fractions.
const std::vector<Source> kSglang = {
    {M::Running, "sglang:num_running_reqs"},
    {M::Waiting, "sglang:num_queue_reqs"},
    {M::KvUsage, "sglang:token_usage"},
    {M::PromptTokens, "sglang:prompt_tokens_total"},
    {M::GenerationTokens, "sglang:generation_tokens_total"},
    {M::Preemptions, "sglang:num_retracted_requests_total"}, // newer versions only
    {M::PrefixHitRate, "sglang:cache_hit_rate"},
    {M::Ttft, "sglang:time_to_first_token_seconds"},
    {M::Tpot, "sglang:inter_token_latency_seconds"},
    {M::Tpot, "sglang:time_per_output_token_seconds"},
    {M::E2eLatency, "sglang:e2e_request_latency_seconds"},
};

// Text Generation Inference (router/src/server.rs): no token counters and no KV gauge, but
// per-request histograms whose _sum counts tokens; its latencies are per request.
const std::vector<Source> kTgi = {
    {M::Running, "tgi_batch_current_size"},
    {M::Waiting, "tgi_queue_size"},
    {M::PromptTokens, "tgi_request_input_length", true},
    {M::GenerationTokens, "tgi_request_generated_tokens", true},
    {M::Tpot, "tgi_request_mean_time_per_token_duration"},
    {M::E2eLatency, "tgi_request_duration"},
};

// llama.cpp's server (tools/server/server.cpp, --metrics).
const std::vector<Source> kLlamaCpp = {
    {M::Running, "llamacpp:requests_processing"},
    {M::Waiting, "llamacpp:requests_deferred"},
    {M::KvUsage, "llamacpp:kv_cache_usage_ratio"},
    {M::PromptTokens, "llamacpp:prompt_tokens_total"},
    {M::GenerationTokens, "llamacpp:tokens_predicted_total"},
};

const std::vector<Source> kNone;

struct Entry {
    ServerMetric metric;
    const char* key;
    MetricKind kind;
    ServerVocabulary::Aggregation aggregation;
};
using A = ServerVocabulary::Aggregation;
constexpr Entry kEntries[] = {
    {M::Running, "running", MetricKind::Gauge, A::Sum},
    {M::Waiting, "waiting", MetricKind::Gauge, A::Sum},
    {M::KvUsage, "kv_usage", MetricKind::Gauge, A::Max},
    {M::PromptTokens, "prompt_tokens", MetricKind::Counter, A::Sum},
    {M::GenerationTokens, "generation_tokens", MetricKind::Counter, A::Sum},
    {M::Preemptions, "preemptions", MetricKind::Counter, A::Sum},
    {M::PrefixQueries, "prefix_queries", MetricKind::Counter, A::Sum},
    {M::PrefixHits, "prefix_hits", MetricKind::Counter, A::Sum},
    {M::PrefixHitRate, "prefix_hit_rate", MetricKind::Gauge, A::Mean},
    {M::Ttft, "ttft", MetricKind::Histogram, A::Sum},
    {M::Tpot, "tpot", MetricKind::Histogram, A::Sum},
    {M::E2eLatency, "e2e_latency", MetricKind::Histogram, A::Sum},
};

const Entry& entry(ServerMetric metric) {
    for (const Entry& e : kEntries) {
        if (e.metric == metric)
            return e;
    }
    return kEntries[0]; // unreachable: every enumerator has an entry
}
} // namespace

const QList<ServerMetric>& ServerVocabulary::all() {
    static const QList<ServerMetric> metrics = [] {
        QList<ServerMetric> list;
        for (const Entry& e : kEntries)
            list.append(e.metric);
        return list;
    }();
    return metrics;
}

MetricKind ServerVocabulary::kind(ServerMetric metric) {
    return entry(metric).kind;
}

ServerVocabulary::Aggregation ServerVocabulary::aggregation(ServerMetric metric) {
    return entry(metric).aggregation;
}

QString ServerVocabulary::key(ServerMetric metric) {
    return QString::fromLatin1(entry(metric).key);
}

bool ServerVocabulary::fromKey(const QString& key, ServerMetric* metric) {
    for (const Entry& e : kEntries) {
        if (key == QLatin1String(e.key)) {
            *metric = e.metric;
            return true;
        }
    }
    return false;
}

QString ServerVocabulary::engineName(ServerEngine engine) {
    switch (engine) {
    case ServerEngine::Vllm:
        return QStringLiteral("vLLM");
    case ServerEngine::Sglang:
        return QStringLiteral("SGLang");
    case ServerEngine::Tgi:
        return QStringLiteral("TGI");
    case ServerEngine::LlamaCpp:
        return QStringLiteral("llama.cpp");
    case ServerEngine::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const QList<ServerEngine>& ServerVocabulary::engines() {
    static const QList<ServerEngine> list = {ServerEngine::Vllm, ServerEngine::Sglang,
                                             ServerEngine::Tgi, ServerEngine::LlamaCpp};
    return list;
}

const std::vector<ServerVocabulary::Source>& ServerVocabulary::sources(ServerEngine engine) {
    switch (engine) {
    case ServerEngine::Vllm:
        return kVllm;
    case ServerEngine::Sglang:
        return kSglang;
    case ServerEngine::Tgi:
        return kTgi;
    case ServerEngine::LlamaCpp:
        return kLlamaCpp;
    case ServerEngine::Unknown:
        break;
    }
    return kNone;
}
