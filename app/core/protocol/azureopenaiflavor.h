#pragma once

#include "protocol/apiflavor.h"

// Azure OpenAI ("azure-openai"): POST
// {base}/openai/deployments/{deployment}/chat/completions?api-version=X with an
// `api-key` header; the deployment (EndpointConfig::model) is in the URL, not the body.
// A full deployment URL is used as is (api-version added when missing). The newer v1
// API ({base}/openai/v1) takes the deployment as `model` in the body instead.
class AzureOpenAiFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("azure-openai"); }
    static QString defaultApiVersion() { return QStringLiteral("2024-10-21"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("Azure OpenAI"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;
    bool supportsExactOutput() const override { return false; }

    static QUrl requestUrl(const EndpointConfig& endpoint);
    static bool usesV1Api(const QUrl& url);
};
