#include "sim/simmetricstext.h"

#include <charconv>
#include <cmath>

namespace {
// Appends metric families with the shared labels: model_name first, engine second, then a
// family's own labels (finished_reason, le), in the order vLLM's client writes them.
class Exposition {
public:
    explicit Exposition(const QString& modelName)
        : m_labels("model_name=\"" + SimMetricsText::escapeLabel(modelName) + "\",engine=\"0\"") {}

    void gauge(const char* name, const char* help, double value) {
        header(name, "gauge", help);
        sample(name, {}, value);
    }
    void counter(const char* name, const char* help, double value) {
        header(name, "counter", help);
        sample(name, {}, value);
    }
    void header(const char* name, const char* type, const char* help) {
        m_text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        m_text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
    void sample(QByteArrayView name, QByteArrayView extraLabels, double value) {
        m_text.append(name.data(), name.size()).append('{').append(m_labels);
        if (!extraLabels.isEmpty())
            m_text.append(',').append(extraLabels.data(), extraLabels.size());
        m_text.append("} ").append(SimMetricsText::number(value)).append('\n');
    }
    void histogram(const char* name, const char* help, const SimBucketHistogram& h) {
        header(name, "histogram", help);
        const QByteArray bucket(QByteArray(name) + "_bucket");
        const std::vector<double>& bounds = h.upperBounds();
        for (size_t i = 0; i < bounds.size(); ++i) {
            const QByteArray le = "le=\"" + SimMetricsText::number(bounds[i]) + '"';
            sample(bucket, le, double(h.cumulativeCount(i)));
        }
        sample(bucket, "le=\"+Inf\"", double(h.count()));
        sample(QByteArray(QByteArray(name) + "_count"), {}, double(h.count()));
        sample(QByteArray(QByteArray(name) + "_sum"), {}, h.sum());
    }
    QByteArray text() const { return m_text; }

private:
    QByteArray m_labels;
    QByteArray m_text;
};
} // namespace

QByteArray SimMetricsText::number(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value); // shortest exact
    QByteArray text(buffer, int(result.ptr - buffer));
    if (!text.contains('.') && !text.contains('e'))
        text.append(".0"); // 3 -> "3.0", as Python's client writes floats
    return text;
}

QByteArray SimMetricsText::escapeLabel(const QString& value) {
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '"')
            out.append("\\\"");
        else if (c == '\n')
            out.append("\\n");
        else
            out.append(c);
    }
    return out;
}

QByteArray SimMetricsText::render(const SimStats& stats, const SimServerCounters& counters,
                                  const QString& modelName) {
    Exposition e(modelName);
    e.gauge("vllm:num_requests_running", "Number of requests in model execution batches.",
            stats.running);
    e.gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.",
            stats.queued);
    e.gauge("vllm:gpu_cache_usage_perc",
            "GPU KV-cache usage. 1 means 100 percent usage. DEPRECATED: Use "
            "vllm:kv_cache_usage_perc instead.",
            stats.kvUsage());
    e.gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.",
            stats.kvUsage());
    e.counter("vllm:prefix_cache_queries_total",
              "Prefix cache queries, in terms of number of queried tokens.",
              double(counters.prefixQueries));
    e.counter("vllm:prefix_cache_hits_total",
              "Prefix cache hits, in terms of number of cached tokens.",
              double(counters.prefixHits));
    e.counter("vllm:num_preemptions_total", "Cumulative number of preemption from the engine.",
              double(counters.preemptions));
    e.counter("vllm:prompt_tokens_total", "Number of prefill tokens processed.",
              double(counters.promptTokens));
    e.counter("vllm:generation_tokens_total", "Number of generation tokens processed.",
              double(counters.generationTokens));
    e.header("vllm:request_success_total", "counter", "Count of successfully processed requests.");
    e.sample("vllm:request_success_total", "finished_reason=\"stop\"",
             double(counters.finishedStop));
    e.sample("vllm:request_success_total", "finished_reason=\"length\"",
             double(counters.finishedLength));
    e.sample("vllm:request_success_total", "finished_reason=\"abort\"",
             double(counters.finishedAbort));
    e.histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                counters.timeToFirstToken);
    e.histogram("vllm:time_per_output_token_seconds",
                "Histogram of time per output token in seconds.", counters.timePerOutputToken);
    e.histogram("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.",
                counters.timePerOutputToken);
    e.histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                counters.e2eRequestLatency);
    return e.text();
}
