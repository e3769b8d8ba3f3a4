#include "protocol/databricksflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {
const QLatin1String kServingEndpoints("/serving-endpoints");

// .../serving-endpoints/NAME (the endpoint's own URL without /invocations)
bool namesAnEndpoint(const QString& path) {
    static const QRegularExpression re(QStringLiteral("/serving-endpoints/[^/]+$"));
    return re.match(path).hasMatch();
}
} // namespace

bool DatabricksFlavor::usesOpenAiRoute(const QUrl& url) {
    const QString path = FlavorSupport::trimmedPath(url);
    return path.endsWith(QLatin1String("/chat/completions")) || path.endsWith(kServingEndpoints);
}

QUrl DatabricksFlavor::requestUrl(const QUrl& url, const QString& model) {
    const QString path = FlavorSupport::trimmedPath(url);
    if (path.endsWith(QLatin1String("/invocations")) ||
        path.endsWith(QLatin1String("/chat/completions")))
        return url;
    if (path.endsWith(kServingEndpoints))
        return FlavorSupport::appendPath(url, QStringLiteral("chat/completions"));
    if (namesAnEndpoint(path))
        return FlavorSupport::appendPath(url, QStringLiteral("invocations"));
    return FlavorSupport::appendPath(url, QStringLiteral("serving-endpoints/") + model +
                                              QStringLiteral("/invocations"));
}

QNetworkRequest DatabricksFlavor::buildRequest(const EndpointConfig& endpoint,
                                               const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint.url, endpoint.model), endpoint, apiKey,
                                      FlavorSupport::Auth::Bearer);
}

QByteArray DatabricksFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                       int maxTokens) const {
    // /invocations names the endpoint in its URL; only the OpenAI-style route needs a model.
    QJsonObject body = FlavorSupport::commonBody(endpoint, maxTokens, usesOpenAiRoute(endpoint.url),
                                                 supportsExactOutput());
    body.insert(QLatin1String("messages"), FlavorSupport::chatMessages(prompt));
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent DatabricksFlavor::decodePayload(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload);
}

StreamEvent DatabricksFlavor::decodeWithoutText(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload, FlavorSupport::Text::Skip);
}
