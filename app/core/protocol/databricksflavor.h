#pragma once

#include "protocol/apiflavor.h"

// Databricks Model Serving ("databricks"), chat format, bearer token (a PAT or OAuth
// token). Two URL styles:
//  - https://WORKSPACE/serving-endpoints/NAME/invocations (the endpoint in the URL, no
//    model in the body); a workspace URL alone gets /serving-endpoints/{model}/invocations;
//  - the OpenAI-style base https://WORKSPACE/serving-endpoints, the endpoint name as
//    model: POST .../serving-endpoints/chat/completions.
class DatabricksFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("databricks"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("Databricks serving endpoint"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;
    bool supportsExactOutput() const override { return false; }

    static QUrl requestUrl(const QUrl& url, const QString& model);
    // True when the request goes to the OpenAI-style route (model named in the body).
    static bool usesOpenAiRoute(const QUrl& url);
};
