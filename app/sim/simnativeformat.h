#pragma once

#include "sim/simgenrequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The events and bodies of the simulator's native protocols (issue 14): Anthropic
// Messages, OpenAI Responses, TGI's /generate_stream and Ollama's /api/chat, each as the
// real server writes it (SSE with typed events; NDJSON for Ollama). Each method returns
// one or more whole events, unframed: SimStreamFormat wraps them in HTTP chunks.
// The same ledger as the OpenAI paths: one word per token, the prompt's word count as the
// input usage, "length" when max tokens ended it (Anthropic max_tokens, Responses
// incomplete/max_output_tokens, TGI length, Ollama done_reason length), else "stop".
// TGI puts the details on the last word (no separate end-of-sequence token), so its
// generated_tokens is the ledger's count.
class SimNativeFormat {
public:
    SimNativeFormat(SimGenRequest::Kind kind, quint64 id, const QString& model);

    // Ollama's own timings of the request in ns, sent on its last line (issue 14): the
    // engine's schedule, so a test can compare what the client keeps with the ledger.
    struct Durations {
        qint64 totalNs = -1;
        qint64 loadNs = -1; // waiting for the model (the simulator's queue)
        qint64 promptEvalNs = -1;
        qint64 evalNs = -1;
    };
    void setDurations(const Durations& durations) { m_durations = durations; }

    bool hasPreamble() const;
    QByteArray preamble(int promptTokens) const; // Anthropic message_start, Responses created
    QByteArray token(int index, QByteArrayView text) const;
    // The last token with its finish, usage and end events.
    QByteArray last(int index, QByteArrayView text, bool lengthEnd, int promptTokens,
                    int completionTokens, bool includeUsage) const;
    QByteArray errorEvent(QByteArrayView message) const;
    QByteArray nonStreamBody(QByteArrayView text, bool lengthEnd, int promptTokens,
                             int completionTokens) const;

    // The protocol's error body ({"type":"error",...} for Anthropic, {"error": "..."} for
    // TGI and Ollama, OpenAI's shape for Responses).
    static QByteArray errorBody(SimGenRequest::Kind kind, int status, const char* type,
                                const QString& message);
    static const char* streamContentType(SimGenRequest::Kind kind);

private:
    QByteArray anthropicFinish(bool lengthEnd, int completionTokens) const;
    QByteArray responsesFinish(bool lengthEnd, int promptTokens, int completionTokens) const;
    QByteArray ollamaFinish(bool lengthEnd, int promptTokens, int completionTokens) const;
    QByteArray tgiToken(int index, QByteArrayView text, const QByteArray& tail) const;

    SimGenRequest::Kind m_kind;
    QByteArray m_id;
    QString m_modelName;
    QByteArray m_model; // JSON string, quoted
    Durations m_durations;
};
