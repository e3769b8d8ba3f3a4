#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The simulated engine's performance model and fault injection (continuous batching).
// step time = decodeBaseMs + decodePerSeqMs * batch + prefill of newly admitted prompts.
// Throughput saturates at maxBatch / stepTime(maxBatch): the plateau.
struct SimConfig {
    int maxBatch = 96;
    int maxQueue = 0; // 0 = unbounded; beyond it: 429 with Retry-After
    double decodeBaseMs = 10.0;
    double decodePerSeqMs = 0.02;
    double prefillTokensPerS = 20000.0;
    int prefillChunkTokens = 0; // 0 = whole prompt in one step
    double jitterFraction = 0.0; // seeded, multiplicative on step time
    quint64 seed = 1;
    int defaultMaxTokens = 128;  // when the request sets none
    QString apiKey;              // non-empty: require "Authorization: Bearer <key>"

    // Fault injection, each a probability per request.
    double rate429 = 0.0;
    double rate500 = 0.0;
    double rateDrop = 0.0;       // connection dropped mid-stream
    double rateErrorEvent = 0.0; // {"error": ...} event mid-stream
    double rateStall = 0.0;      // stream stops sending (until the client gives up)

    double stepMs(int batch) const { return decodeBaseMs + decodePerSeqMs * batch; }
    double plateauTokensPerS() const { return maxBatch / (stepMs(maxBatch) / 1000.0); }

    static SimConfig preset(const QString& name); // "default", "small-fast", "large-slow", "overloaded"
    static QStringList presetNames();
    QJsonObject toJson() const;
    static SimConfig fromJson(const QJsonObject& object);
};
