#pragma once

#include "protocol/apiflavor.h"

// Ollama's native chat API ("ollama"): POST {base}/api/chat with {"model", "messages",
// "stream": true, "options": {"num_predict"}}. The answer is NDJSON, one JSON object per
// line (framing() says so, whatever the Content-Type):
//   {"model":..,"message":{"role":"assistant","content":"Hi","thinking":".."},"done":false}
// and a last line with "done": true, "done_reason" ("stop", "length"; absent on old
// servers: stop), "prompt_eval_count" / "eval_count" (usage) and the server's own
// durations. A thinking delta counts for TTFT as OpenAI's reasoning does. Errors:
// {"error": "..."}. No way to force the output length.
class OllamaFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("ollama"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("Ollama (native /api/chat)"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    bool supportsExactOutput() const override { return false; }
    Framing framing() const override { return Framing::Ndjson; }

    // A base URL gets /api/chat (/chat after /api); a URL ending in /api/chat is kept.
    static QUrl requestUrl(const QUrl& url);
};
