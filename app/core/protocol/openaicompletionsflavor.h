#pragma once

#include "protocol/apiflavor.h"

// OpenAI (legacy) completions ("openai-completions"): POST {base}/v1/completions with a
// `prompt` string; tokens arrive as choices[].text. URLs as for OpenAiChatFlavor; a chat
// URL (.../v1/chat/completions) is mapped to the same server's .../v1/completions.
class OpenAiCompletionsFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("openai-completions"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("OpenAI completions"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;

    static QUrl requestUrl(const QUrl& url);
};
