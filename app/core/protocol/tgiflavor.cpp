#include "protocol/tgiflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

QUrl TgiFlavor::requestUrl(const QUrl& url) {
    if (FlavorSupport::trimmedPath(url).endsWith(QLatin1String("/generate_stream")))
        return url;
    return FlavorSupport::appendPath(url, QStringLiteral("generate_stream"));
}

QNetworkRequest TgiFlavor::buildRequest(const EndpointConfig& endpoint,
                                        const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                      FlavorSupport::Auth::Bearer);
}

QByteArray TgiFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                int maxTokens) const {
    // One model per server: no "model" field (TGI ignores it on this route).
    const QJsonObject parameters{{QLatin1String("max_new_tokens"), maxTokens},
                                 {QLatin1String("details"), true}};
    QJsonObject body{{QLatin1String("inputs"), FlavorSupport::completionPrompt(prompt)},
                     {QLatin1String("parameters"), parameters}};
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

QString TgiFlavor::finishReason(const QString& tgiReason) {
    if (tgiReason == QLatin1String("eos_token") || tgiReason == QLatin1String("stop_sequence"))
        return QStringLiteral("stop");
    return tgiReason; // "length", or a reason a newer server adds
}

StreamEvent TgiFlavor::decodePayload(const QByteArray& payload) const {
    StreamEvent event;
    event.raw = payload;
    QJsonObject object;
    if (!FlavorSupport::parseEventObject(payload, &event, &object))
        return event;
    if (FlavorSupport::readErrorField(object, payload, &event)) {
        const QString type = object.value(QLatin1String("error_type")).toString();
        if (!type.isEmpty())
            event.errorMessage += QStringLiteral(" (%1)").arg(type);
        return event;
    }
    const QJsonValue token = object.value(QLatin1String("token"));
    if (!token.isObject()) {
        event.malformed = true;
        event.errorMessage = QStringLiteral("the server sent an event without a \"token\" (not a "
                                            "TGI generate_stream?): ") +
                             FlavorSupport::preview(payload, 120);
        return event;
    }
    event.hasChoices = true;
    const QJsonObject tokenObject = token.toObject();
    if (!tokenObject.value(QLatin1String("special")).toBool(false)) {
        event.text = tokenObject.value(QLatin1String("text")).toString();
        event.hasContent = !event.text.isEmpty();
    }
    const QJsonObject details = object.value(QLatin1String("details")).toObject();
    const QString reason = details.value(QLatin1String("finish_reason")).toString();
    if (!reason.isEmpty()) {
        event.finishReason = finishReason(reason);
        event.done = true; // the last event: TGI sends no [DONE]
    }
    event.completionTokens = FlavorSupport::usageCount(details, QLatin1String("generated_tokens"));
    event.promptTokens = FlavorSupport::usageCount(details, QLatin1String("input_length"));
    return event;
}
