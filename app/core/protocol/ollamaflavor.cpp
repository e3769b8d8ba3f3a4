#include "protocol/ollamaflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"

namespace {
// A day in ns: a duration past it (or negative, or not a number) is not one Ollama measured.
constexpr double kMaxDurationNs = 86400e9;

qint64 duration(const QJsonObject& object, QLatin1String key) {
    const QJsonValue value = object.value(key);
    if (!value.isDouble() || !(value.toDouble() >= 0) || value.toDouble() > kMaxDurationNs)
        return -1;
    return qint64(value.toDouble());
}
} // namespace

QUrl OllamaFlavor::requestUrl(const QUrl& url) {
    const QString path = FlavorSupport::trimmedPath(url);
    if (path.endsWith(QLatin1String("/api/chat")))
        return url;
    if (path.endsWith(QLatin1String("/api")))
        return FlavorSupport::appendPath(url, QStringLiteral("chat"));
    return FlavorSupport::appendPath(url, QStringLiteral("api/chat"));
}

QNetworkRequest OllamaFlavor::buildRequest(const EndpointConfig& endpoint,
                                           const QString& apiKey) const {
    QNetworkRequest request = FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                                         FlavorSupport::Auth::Bearer);
    bool ownAccept = false;
    for (const auto& header : endpoint.headers)
        ownAccept = ownAccept || header.first.compare(u"Accept", Qt::CaseInsensitive) == 0;
    if (!ownAccept)
        request.setRawHeader("Accept", "application/x-ndjson");
    return request;
}

QByteArray OllamaFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                   int maxTokens) const {
    QJsonObject body;
    body.insert(QLatin1String("model"), endpoint.model);
    body.insert(QLatin1String("messages"), FlavorSupport::chatMessages(prompt));
    body.insert(QLatin1String("stream"), true);
    body.insert(QLatin1String("options"), QJsonObject{{QLatin1String("num_predict"), maxTokens}});
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

StreamEvent OllamaFlavor::decodePayload(const QByteArray& payload) const {
    StreamEvent event;
    event.raw = payload;
    QJsonObject object;
    if (!FlavorSupport::parseEventObject(payload, &event, &object))
        return event;
    if (FlavorSupport::readErrorField(object, payload, &event))
        return event;
    const QJsonValue done = object.value(QLatin1String("done"));
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!done.isBool() && !message.isObject()) {
        event.malformed = true;
        event.errorMessage = QStringLiteral("the server sent a line without \"message\" or "
                                            "\"done\" (not an Ollama /api/chat stream?): ") +
                             FlavorSupport::preview(payload, 120);
        return event;
    }
    if (message.isObject()) {
        event.hasChoices = true;
        const QJsonObject m = message.toObject();
        event.text = m.value(QLatin1String("content")).toString();
        // Thinking is generated output (TTFT) but not part of the answer text.
        event.hasContent =
            !event.text.isEmpty() || !m.value(QLatin1String("thinking")).toString().isEmpty();
    }
    if (done.toBool(false)) {
        event.done = true;
        const QString reason = object.value(QLatin1String("done_reason")).toString();
        event.finishReason = reason.isEmpty() ? QStringLiteral("stop") : reason;
        event.promptTokens = FlavorSupport::usageCount(object, QLatin1String("prompt_eval_count"));
        event.completionTokens = FlavorSupport::usageCount(object, QLatin1String("eval_count"));
        event.serverTotalNs = duration(object, QLatin1String("total_duration"));
        event.serverLoadNs = duration(object, QLatin1String("load_duration"));
        event.serverPromptEvalNs = duration(object, QLatin1String("prompt_eval_duration"));
        event.serverEvalNs = duration(object, QLatin1String("eval_duration"));
    }
    return event;
}
