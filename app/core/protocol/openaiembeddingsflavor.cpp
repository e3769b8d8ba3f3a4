#include "protocol/openaiembeddingsflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

#include <QJsonArray>

QUrl OpenAiEmbeddingsFlavor::requestUrl(const QUrl& url) {
    return FlavorSupport::versionedResourceUrl(url, QStringLiteral("embeddings"));
}

QNetworkRequest OpenAiEmbeddingsFlavor::buildRequest(const EndpointConfig& endpoint,
                                                     const QString& apiKey) const {
    QNetworkRequest request = FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                                         FlavorSupport::Auth::Bearer);
    request.setRawHeader("Accept", "application/json");  // one JSON answer, no event stream
    for (const auto& [name, value] : endpoint.headers) { // the user's headers still win
        if (name.compare(QLatin1String("Accept"), Qt::CaseInsensitive) == 0)
            request.setRawHeader("Accept", value.toUtf8());
    }
    return request;
}

QStringList OpenAiEmbeddingsFlavor::inputs(const Prompt& prompt) {
    if (!prompt.batchInputs.isEmpty())
        return prompt.batchInputs;
    return {FlavorSupport::completionPrompt(prompt)};
}

QByteArray OpenAiEmbeddingsFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                             int /*maxTokens*/) const {
    // No stream, no max_tokens: none of commonBody's fields apply.
    QJsonObject body{{QLatin1String("model"), endpoint.model},
                     {QLatin1String("input"), QJsonArray::fromStringList(inputs(prompt))},
                     {QLatin1String("encoding_format"), QStringLiteral("float")}};
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent OpenAiEmbeddingsFlavor::decodePayload(const QByteArray& payload) const {
    StreamEvent event;
    event.raw = payload.left(4096);
    QJsonObject object;
    if (!FlavorSupport::parseEventObject(payload, &event, &object)) {
        // Not JSON, or a bare [DONE]: no stream here, so neither is an answer.
        event.done = false;
        event.malformed = true;
        event.errorMessage = QStringLiteral("the embeddings answer is not a JSON object: ") +
                             FlavorSupport::preview(payload, 120);
        return event;
    }
    if (FlavorSupport::readErrorField(object, payload, &event))
        return event;
    const QJsonValue data = object.value(QLatin1String("data"));
    if (!data.isArray()) {
        event.malformed = true;
        event.errorMessage = QStringLiteral("the answer has no \"data\" array (not an embeddings "
                                            "endpoint?): ") +
                             FlavorSupport::preview(payload, 120);
        return event;
    }
    const QJsonArray entries = data.toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonValue vector = entry.toObject().value(QLatin1String("embedding"));
        // A float array, or base64 text when the server ignores encoding_format.
        if (!vector.isArray() && !vector.isString()) {
            event.malformed = true;
            event.errorMessage = QStringLiteral("an entry of \"data\" has no \"embedding\": ") +
                                 FlavorSupport::preview(payload, 120);
            return event;
        }
    }
    event.embeddingCount = int(entries.size());
    event.finishReason = QStringLiteral("stop");
    event.done = true;
    event.completionTokens = 0; // nothing generated, and the count is exact
    event.promptTokens = FlavorSupport::usageCount(object.value(QLatin1String("usage")).toObject(),
                                                   QLatin1String("prompt_tokens"));
    return event;
}
