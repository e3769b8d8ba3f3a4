#include "protocol/openaicompletionsflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

QUrl OpenAiCompletionsFlavor::requestUrl(const QUrl& url) {
    const QString path = FlavorSupport::trimmedPath(url);
    if (path.endsWith(QLatin1String("/chat/completions"))) {
        // The chat flavor's full URL: the completions route of the same server.
        QUrl completions = url;
        completions.setPath(path.chopped(17) + QStringLiteral("/completions"));
        return completions;
    }
    if (path.endsWith(QLatin1String("/completions")))
        return url;
    if (FlavorSupport::endsWithVersionSegment(path))
        return FlavorSupport::appendPath(url, QStringLiteral("completions"));
    return FlavorSupport::appendPath(url, QStringLiteral("v1/completions"));
}

QNetworkRequest OpenAiCompletionsFlavor::buildRequest(const EndpointConfig& endpoint,
                                                      const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                      FlavorSupport::Auth::Bearer);
}

QByteArray OpenAiCompletionsFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                              int maxTokens) const {
    QJsonObject body = FlavorSupport::commonBody(endpoint, maxTokens, true);
    body.insert(QLatin1String("prompt"), FlavorSupport::completionPrompt(prompt));
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent OpenAiCompletionsFlavor::decodePayload(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload);
}

StreamEvent OpenAiCompletionsFlavor::decodeWithoutText(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload, FlavorSupport::Text::Skip);
}
