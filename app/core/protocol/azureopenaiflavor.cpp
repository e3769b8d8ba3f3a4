#include "protocol/azureopenaiflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace {
QUrl withApiVersion(QUrl url, const QString& version) {
    QUrlQuery query(url);
    if (!version.isEmpty() && !query.hasQueryItem(QStringLiteral("api-version"))) {
        query.addQueryItem(QStringLiteral("api-version"), version);
        url.setQuery(query);
    }
    return url;
}
} // namespace

bool AzureOpenAiFlavor::usesV1Api(const QUrl& url) {
    const QString path = FlavorSupport::trimmedPath(url);
    return path.endsWith(QLatin1String("/openai/v1")) ||
           path.endsWith(QLatin1String("/openai/v1/chat/completions"));
}

QUrl AzureOpenAiFlavor::requestUrl(const EndpointConfig& endpoint) {
    const QUrl& url = endpoint.url;
    const QString path = FlavorSupport::trimmedPath(url);
    if (usesV1Api(url)) {
        // The v1 API needs no api-version; pass one only if the user set it.
        const QUrl full = path.endsWith(QLatin1String("/chat/completions"))
                              ? url
                              : FlavorSupport::appendPath(url, QStringLiteral("chat/completions"));
        return withApiVersion(full, endpoint.apiVersion);
    }
    const QString version =
        endpoint.apiVersion.isEmpty() ? defaultApiVersion() : endpoint.apiVersion;
    if (path.endsWith(QLatin1String("/chat/completions")))
        return withApiVersion(url, version);

    QUrl base = url;
    QString basePath = path;
    if (basePath.endsWith(QLatin1String("/openai")))
        basePath.chop(7);
    base.setPath(basePath);
    return withApiVersion(FlavorSupport::appendPath(base, QStringLiteral("openai/deployments/") +
                                                              endpoint.model +
                                                              QStringLiteral("/chat/completions")),
                          version);
}

QNetworkRequest AzureOpenAiFlavor::buildRequest(const EndpointConfig& endpoint,
                                                const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint), endpoint, apiKey,
                                      FlavorSupport::Auth::ApiKeyHeader);
}

QByteArray AzureOpenAiFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                        int maxTokens) const {
    QJsonObject body = FlavorSupport::commonBody(endpoint, maxTokens, usesV1Api(endpoint.url),
                                                 supportsExactOutput());
    body.insert(QLatin1String("messages"), FlavorSupport::chatMessages(prompt));
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent AzureOpenAiFlavor::decodePayload(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload);
}

StreamEvent AzureOpenAiFlavor::decodeWithoutText(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload, FlavorSupport::Text::Skip);
}
