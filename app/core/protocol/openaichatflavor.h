#pragma once

#include "protocol/apiflavor.h"

// OpenAI chat completions ("openai-chat"): POST {base}/v1/chat/completions with
// `messages`. Also the flavor for vLLM, SGLang, TGI, llama.cpp, Ollama /v1, LM Studio.
// A URL that already ends in /chat/completions is used as is; a base URL ending in a
// version segment (/v1) gets only /chat/completions appended; a completions URL
// (.../v1/completions) is mapped to the same server's .../v1/chat/completions.
class OpenAiChatFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("openai-chat"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("OpenAI chat completions"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;

    static QUrl requestUrl(const QUrl& url);
};
