#pragma once

#include "protocol/apiflavor.h"

// Text Generation Inference's native API ("tgi"): POST {base}/generate_stream with
// {"inputs": the prompt as text, "parameters": {"max_new_tokens", "details": true}}, bearer
// auth (Hugging Face endpoints). One SSE event per token:
//   {"index":1,"token":{"id":..,"text":"Hi","special":false},"generated_text":null,
//    "details":null}
// the last one with "generated_text" and "details" {"finish_reason", "generated_tokens",
// "input_length" (newer servers)}. A special token (the end-of-sequence one) is an event
// but not content; the token count is details.generated_tokens (usage) else the events.
// finish_reason eos_token/stop_sequence → stop, length → length. Errors:
// {"error": "...", "error_type": "..."}. No way to force the output length.
class TgiFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("tgi"); }
    QString id() const override { return staticId(); }
    QString displayName() const override {
        return QStringLiteral("Text Generation Inference (native)");
    }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    bool supportsExactOutput() const override { return false; }

    static QUrl requestUrl(const QUrl& url);
    static QString finishReason(const QString& tgiReason);
};
