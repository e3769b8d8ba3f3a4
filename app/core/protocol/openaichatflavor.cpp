#include "protocol/openaichatflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

#include <QJsonArray>

QUrl OpenAiChatFlavor::requestUrl(const QUrl& url) {
    const QString path = FlavorSupport::trimmedPath(url);
    if (path.endsWith(QLatin1String("/chat/completions")))
        return url;
    if (path.endsWith(QLatin1String("/completions"))) {
        // The completions flavor's full URL: the chat route of the same server, rather
        // than a nonsense ".../completions/v1/chat/completions".
        QUrl chat = url;
        chat.setPath(path.chopped(12) + QStringLiteral("/chat/completions"));
        return chat;
    }
    if (FlavorSupport::endsWithVersionSegment(path))
        return FlavorSupport::appendPath(url, QStringLiteral("chat/completions"));
    return FlavorSupport::appendPath(url, QStringLiteral("v1/chat/completions"));
}

QNetworkRequest OpenAiChatFlavor::buildRequest(const EndpointConfig& endpoint,
                                               const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                      FlavorSupport::Auth::Bearer);
}

QByteArray OpenAiChatFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                       int maxTokens) const {
    QJsonObject body = FlavorSupport::commonBody(endpoint, maxTokens, true);
    body.insert(QLatin1String("messages"), FlavorSupport::chatMessages(prompt));
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent OpenAiChatFlavor::decodePayload(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload);
}

StreamEvent OpenAiChatFlavor::decodeWithoutText(const QByteArray& payload) const {
    return FlavorSupport::decodeOpenAiPayload(payload, FlavorSupport::Text::Skip);
}
