#pragma once

#include "protocol/prompt.h"
#include "protocol/streamevent.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>
#include <QStringList>
#include <memory>

struct EndpointConfig;

// One API dialect: how to build a streaming request and how to read its events.
// Adding a flavor means one new subclass (one file) and its test.
class ApiFlavor {
public:
    virtual ~ApiFlavor() = default;

    virtual QString id() const = 0;          // "openai-chat", ...
    virtual QString displayName() const = 0; // "OpenAI chat completions", ...

    // The full request (URL with path/query, headers incl. auth, Accept-Encoding: identity).
    // apiKey is the resolved secret, empty for none. Never logs it.
    virtual QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                         const QString& apiKey) const = 0;
    // The JSON body: stream=true, stream_options.include_usage=true, max_tokens, the
    // prompt, the endpoint's extraBody merged last (forceExactOutput adds the flavor's
    // way to force the length, e.g. ignore_eos / min_tokens).
    virtual QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                 int maxTokens) const = 0;
    // Interprets one data payload (without the "data:" prefix). arrivalNs is left -1.
    virtual StreamEvent decodePayload(const QByteArray& payload) const = 0;
    // The same, except that StreamEvent::text may be left empty (hasContent stays exact):
    // a run that does not keep the answer's text spares a QString per event (issue 17).
    virtual StreamEvent decodeWithoutText(const QByteArray& payload) const {
        return decodePayload(payload);
    }
    // Whether the flavor has a way to force exactly max_tokens of output (the endpoint's
    // forceExactOutput: ignore_eos + min_tokens, honoured by vLLM, SGLang, llama.cpp).
    // Where it has none the option is NOT sent: hosted APIs (OpenAI on Azure, Databricks
    // Foundation Model APIs) document no such field and answer unknown fields with HTTP
    // 400, which would fail every request. extraBody can still add any field by hand.
    virtual bool supportsExactOutput() const { return true; }
    // How the streamed answer is cut into payloads: SSE events, or one JSON object per
    // line (Ollama). The response's Content-Type can still ask for NDJSON by itself.
    // WholeBody: no stream at all (embeddings): the complete response body is one payload,
    // decoded when the transfer ends.
    enum class Framing { Sse, Ndjson, WholeBody };
    virtual Framing framing() const { return Framing::Sse; }
    // An embeddings flavor: the request carries Prompt::batchInputs, nothing is generated.
    virtual bool embeds() const { return false; }

    static std::unique_ptr<ApiFlavor> create(const QString& id); // nullptr if unknown
    static QStringList ids();
};
