#pragma once

#include "apiflavor.h"

// OpenAI (legacy) completions ("openai-completions"): POST {base}/v1/completions with a
// `prompt` string; tokens arrive as choices[].text.
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

    static QUrl requestUrl(const QUrl& url);
};
