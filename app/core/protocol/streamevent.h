#pragma once

#include <QByteArray>
#include <QString>

// One decoded server event (one SSE "data:" payload, or one NDJSON line), reduced to
// what the metrics need. A single chunk may carry content, a finish reason and usage
// at once, so these are flags, not a single kind.
struct StreamEvent {
    qint64 arrivalNs = -1; // set by the caller: when the bytes completing this event arrived

    bool done = false;         // the "[DONE]" sentinel
    bool hasChoices = false;   // non-empty "choices" array (vLLM's TTFT criterion)
    bool hasContent = false;   // non-empty content, text or reasoning_content in a choice
    bool roleOnly = false;     // a delta that only carries the role (not a token!)
    QString text;              // the content delta (concatenated over choices)
    QString finishReason;      // non-empty when a choice finished
    int promptTokens = -1;     // usage.prompt_tokens, -1 if absent
    int completionTokens = -1; // usage.completion_tokens, -1 if absent
    int embeddingCount = -1;   // embeddings: entries of "data", -1 if not an embeddings answer

    // The server's own durations in ns (Ollama's last line), -1 if absent; RequestRecord's
    // server*Ns fields.
    qint64 serverTotalNs = -1;
    qint64 serverLoadNs = -1;
    qint64 serverPromptEvalNs = -1;
    qint64 serverEvalNs = -1;

    bool isError = false;   // an {"error": ...} event
    bool malformed = false; // not JSON or not the expected shape
    QString errorMessage;   // for isError / malformed

    QByteArray raw; // the payload as received (for "Test connection")
};
