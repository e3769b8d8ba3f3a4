#pragma once

#include "sim/simgenrequest.h"
#include "sim/simnativeformat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The bytes of one response, OpenAI-style (the native protocols through SimNativeFormat).
// For a stream, every SSE event is framed as one HTTP/1.1 chunk. The per-token event is
// pre-formatted into a prefix and a suffix when the request arrives, so a step only copies bytes:
// no JSON building, no allocation per token.
class SimStreamFormat {
public:
    SimStreamFormat(SimGenRequest::Kind kind, quint64 id, const QString& model, qint64 createdS);

    QByteArray completionId() const { return m_id; }
    // Ollama's server durations for the last line (the other protocols have none).
    void setDurations(const SimNativeFormat::Durations& durations) {
        m_native.setDurations(durations);
    }
    const QString& model() const { return m_model; }

    // Chat's role-only first event, Anthropic's message_start, Responses' created: sent
    // when the request is admitted.
    bool hasPreamble() const;
    void appendPreamble(QByteArray* out, int promptTokens) const;
    void appendToken(QByteArray* out, int index) const;
    // The last token, its finish and usage (when asked), the end event and the body's end.
    void appendLast(QByteArray* out, int index, bool lengthEnd, int promptTokens,
                    int completionTokens, bool includeUsage) const;
    // A mid-stream error event in the protocol's shape, then the body's end.
    void appendErrorEnd(QByteArray* out, QByteArrayView message) const;
    void appendFinish(QByteArray* out, QByteArrayView reason) const;
    void appendUsage(QByteArray* out, int promptTokens, int completionTokens) const;
    static void appendErrorEvent(QByteArray* out, QByteArrayView message);
    static void appendDone(QByteArray* out); // data: [DONE]
    static void appendEnd(QByteArray* out);  // the zero-length chunk ending the body

    QByteArray nonStreamBody(int tokens, QByteArrayView reason, int promptTokens) const;
    const char* streamContentType() const { return SimNativeFormat::streamContentType(m_kind); }

    // The text of output token index: " word", JSON-safe, one whitespace-separated word.
    static QByteArrayView tokenText(quint64 id, int index);

private:
    static void beginChunk(QByteArray* out, qsizetype length);
    static void appendFramed(QByteArray* out, const QByteArray& events);
    bool isOpenAi() const;

    SimGenRequest::Kind m_kind;
    SimNativeFormat m_native;
    quint64 m_seq;
    QString m_model;
    qint64 m_created;
    QByteArray m_id;
    QByteArray m_head;        // data: {"id":..,"object":..,"created":..,"model":..,"choices":[
    QByteArray m_tokenPrefix; // m_head + {"index":0,"delta":{"content":"   (or "text":")
    QByteArray m_tokenSuffix; // "},"logprobs":null,"finish_reason":null}]}\n\n
};
