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
    int maxBatch = 96;                  // max_batch
    int maxQueue = 0;                   // max_queue: 0 = unbounded; beyond it: 429 with Retry-After
    double decodeBaseMs = 10.0;         // decode_base_ms
    double decodePerSeqMs = 0.02;       // decode_per_seq_ms
    double prefillTokensPerS = 20000.0; // prefill_tokens_per_s
    int prefillChunkTokens = 0;         // prefill_chunk_tokens: 0 = whole prompt in one step
    double jitterFraction = 0.0;        // jitter_fraction: seeded, multiplicative on step time
    quint64 seed = 1;                   // seed
    int defaultMaxTokens = 128;         // default_max_tokens: when the request sets none
    QString apiKey;                     // api_key: non-empty: require "Authorization: Bearer <key>"
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

    double stepMs(int batch) const { return decodeBaseMs + decodePerSeqMs * batch; }
    double plateauTokensPerS() const { return maxBatch / (stepMs(maxBatch) / 1000.0); }
    double prefillMs(int promptTokens) const { return promptTokens * 1000.0 / prefillTokensPerS; }

    static SimConfig
    preset(const QString& name); // "default", "small-fast", "large-slow", "overloaded"
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
