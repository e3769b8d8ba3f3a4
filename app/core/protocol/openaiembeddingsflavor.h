#pragma once

#include "protocol/apiflavor.h"

// OpenAI's embeddings API ("openai-embeddings", issue 14): POST {base}/v1/embeddings with
// {"model", "input": [N texts], "encoding_format": "float"}, bearer auth. Served by OpenAI,
// vLLM, TEI, llama.cpp, Ollama's OpenAI routes. There is no stream: the answer is one JSON
// body, decoded whole when the transfer ends (Framing::WholeBody):
//   {"object":"list","data":[{"object":"embedding","index":0,"embedding":[...]},...],
//    "model":"...","usage":{"prompt_tokens":12,"total_tokens":12}}
// usage.prompt_tokens are the request's input tokens (source usage); "data" must hold one
// entry per input (StreamEvent::embeddingCount, checked by the tracker). Nothing is
// generated, so the record has no first token and no TTFT/TPOT (NaN, never 0). Errors:
// {"error": {"message": ...}} (a 200 answer carrying one is a stream_error_event; an HTTP
// status is classed by it). The batch (Prompt::batchInputs) is the run's batch size.
class OpenAiEmbeddingsFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("openai-embeddings"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("OpenAI embeddings"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    // maxTokens is ignored: an embedding has no output length.
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    bool supportsExactOutput() const override { return false; }
    Framing framing() const override { return Framing::WholeBody; }
    bool embeds() const override { return true; }

    static QUrl requestUrl(const QUrl& url);
    // The inputs the body carries for prompt: its batch, else its one text.
    static QStringList inputs(const Prompt& prompt);
};
