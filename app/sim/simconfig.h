#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The simulated engine's performance model and fault injection (continuous batching).
// step time = decodeBaseMs + decodePerSeqMs * batch + prefill of newly admitted prompts.
// Throughput saturates at maxBatch / stepTime(maxBatch): the plateau.
//
// JSON / --set keys are the snake_case names given beside each field.
struct SimConfig {
    // Defaults: a provisioned endpoint serving a small model. With the default profile's
    // 256-token prompts and 128-token outputs the plateau is ~7,900 tok/s (decode alone
    // ~8,600), reached at concurrency 64: the figure Databricks documents for such an endpoint.
    int maxBatch = 64;            // max_batch
    int maxQueue = 0;             // max_queue: 0 = unbounded; beyond it: 429 with Retry-After
    double decodeBaseMs = 5.5;    // decode_base_ms
    double decodePerSeqMs = 0.03; // decode_per_seq_ms
    double prefillTokensPerS = 200000.0; // prefill_tokens_per_s
    int prefillChunkTokens = 0;          // prefill_chunk_tokens: 0 = whole prompt in one step
    double jitterFraction = 0.0;         // jitter_fraction: seeded, multiplicative on step time
    quint64 seed = 1;                    // seed
    int defaultMaxTokens = 128;          // default_max_tokens: when the request sets none
    QString apiKey; // api_key: non-empty: require "Authorization: Bearer <key>"
                    // (or Azure's "api-key: <key>")

    // Fault injection, each a probability per request.
    double rate429 = 0.0;        // rate_429
    double rate500 = 0.0;        // rate_500
    double rateDrop = 0.0;       // rate_drop: connection dropped mid-stream
    double rateErrorEvent = 0.0; // rate_error_event: {"error": ...} event mid-stream
    double rateStall = 0.0;      // rate_stall: stream stops sending (until the client gives up)

    QString model = QStringLiteral("plateau-sim"); // model: the id /v1/models lists
    int retryAfterS = 1;                           // retry_after_s: the Retry-After of every 429
    int historyLimit = 100000; // history_limit: finished requests kept for /sim/requests

    // Real workloads. Prefix cache: prompts cut into blocks of prefixBlockWords words
    // (tokens ≈ words), an LRU of prefixCacheBlocks blocks; a cached block skips its prefill.
    int prefixBlockWords = 16; // prefix_block_words
    int prefixCacheBlocks = 0; // prefix_cache_blocks: 0 = no prefix cache
    // The share of answers that end early, at a uniformly drawn length below max_tokens
    // (finish_reason "stop"), unless the request sets ignore_eos or a min_tokens above it.
    double earlyStopRate = 0.0; // early_stop_rate
    // KV-cache capacity in tokens: a running sequence holds its prompt and what it has
    // generated; a sequence waits while it does not fit, and the latest admitted is
    // preempted (recomputed later) when the batch outgrows it. 0 = unlimited.
    int kvCacheTokens = 0; // kv_cache_tokens

    double stepMs(int batch) const { return decodeBaseMs + decodePerSeqMs * batch; }
    // The plateau for a workload: at full batch, batch / outputTokens sequences finish per
    // step on average and as many prompts are admitted, so each step also carries their
    // prefill. Without a workload (outputTokens = 0) it is the decode-only ceiling.
    double plateauTokensPerS(int promptTokens = 0, int outputTokens = 0) const {
        const double batch = batchFor(promptTokens, outputTokens);
        double ms = decodeBaseMs + decodePerSeqMs * batch;
        if (outputTokens > 0)
            ms += batch / outputTokens * prefillMs(promptTokens);
        return batch / (ms / 1000.0);
    }
    // The sequences that run at once: maxBatch, or fewer when the KV cache holds fewer (a
    // sequence holds its prompt and half its output on average). An estimate: preemptions
    // when the batch outgrows the cache cost more.
    double batchFor(int promptTokens, int outputTokens) const {
        if (kvCacheTokens <= 0 || outputTokens <= 0)
            return maxBatch;
        const double held = promptTokens + outputTokens / 2.0 + 1.0;
        return qBound(1.0, kvCacheTokens / held, double(maxBatch));
    }
    double prefillMs(int promptTokens) const { return promptTokens * 1000.0 / prefillTokensPerS; }

    // "default", "small-fast", "large-slow", "overloaded", "prefix-cache", "early-eos",
    // "kv-bound"
    static SimConfig preset(const QString& name);
    // The names live in SimPresets (app/core/common), the one check sim:PRESET URLs and
    // --preset go through: a new preset is added there too.
    static QStringList presetNames();
    static QString presetDescription(const QString& name);
    QJsonObject toJson() const;
    // Starts from the defaults; keys absent from the object keep them. Unknown keys and
    // values of the wrong type are ignored (use set() or validate() for checked input).
    static SimConfig fromJson(const QJsonObject& object);

    // One `--set key=value` override (key = the JSON field name). False with a message for
    // an unknown key, a malformed number or a value out of range.
    bool set(const QString& key, const QString& value, QString* error);
    static QStringList keys();
    // Checks ranges (positive rates and sizes, fault rates summing to at most 1).
    bool validate(QString* error) const;
};
