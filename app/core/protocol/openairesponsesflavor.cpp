#include "protocol/openairesponsesflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/flavorsupport.h"
#include "protocol/responsesscanner.h"

#include <QJsonDocument>

namespace {
bool isContentDelta(const QString& type) {
    for (const char* name : OpenAiResponsesFlavor::kContentDeltaTypes) {
        if (type == QLatin1String(name))
            return true;
    }
    return false;
}

// {"code":..,"message":..} as "message (code)".
QString describeError(const QJsonObject& error) {
    const QString message = error.value(QLatin1String("message")).toString();
    const QString code = error.value(QLatin1String("code")).toVariant().toString();
    if (message.isEmpty())
        return code.isEmpty() ? QStringLiteral("(no details)") : code;
    return code.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, code);
}
} // namespace

QUrl OpenAiResponsesFlavor::requestUrl(const QUrl& url) {
    return FlavorSupport::versionedResourceUrl(url, QStringLiteral("responses"));
}

QNetworkRequest OpenAiResponsesFlavor::buildRequest(const EndpointConfig& endpoint,
                                                    const QString& apiKey) const {
    return FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                      FlavorSupport::Auth::Bearer);
}

QByteArray OpenAiResponsesFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                            int maxTokens) const {
    // No stream_options: usage always comes with response.completed.
    QJsonObject body;
    body.insert(QLatin1String("model"), endpoint.model);
    body.insert(QLatin1String("input"), FlavorSupport::chatMessages(prompt));
    body.insert(QLatin1String("max_output_tokens"), maxTokens);
    body.insert(QLatin1String("stream"), true);
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

QString OpenAiResponsesFlavor::incompleteFinishReason(const QString& reason) {
    if (reason == QLatin1String("max_output_tokens"))
        return QStringLiteral("length");
    if (reason == QLatin1String("content_filter"))
        return QStringLiteral("content_filter");
    return QString();
}

void OpenAiResponsesFlavor::readEnd(const QString& type, const QJsonObject& response,
                                    StreamEvent* event) {
    const QJsonObject usage = response.value(QLatin1String("usage")).toObject();
    event->promptTokens = FlavorSupport::usageCount(usage, QLatin1String("input_tokens"));
    event->completionTokens = FlavorSupport::usageCount(usage, QLatin1String("output_tokens"));
    event->done = true;
    if (type == QLatin1String("response.completed")) {
        event->finishReason = QStringLiteral("stop");
        return;
    }
    const QString reason = response.value(QLatin1String("incomplete_details"))
                               .toObject()
                               .value(QLatin1String("reason"))
                               .toString();
    event->finishReason = incompleteFinishReason(reason);
    if (event->finishReason.isEmpty()) {
        event->isError = true;
        event->errorMessage =
            QStringLiteral("response incomplete: %1")
                .arg(reason.isEmpty() ? QStringLiteral("(no reason given)") : reason);
    }
}

StreamEvent OpenAiResponsesFlavor::decodePayload(const QByteArray& payload) const {
    return EventScan::decode(payload, EventScan::Text::Decode, ResponsesScanner::scan,
                             decodeReference);
}

StreamEvent OpenAiResponsesFlavor::decodeWithoutText(const QByteArray& payload) const {
    return EventScan::decode(payload, EventScan::Text::Skip, ResponsesScanner::scan,
                             decodeReference);
}

StreamEvent OpenAiResponsesFlavor::decodeReference(const QByteArray& payload) {
    StreamEvent event;
    event.raw = payload;
    QJsonObject object;
    if (!FlavorSupport::parseEventObject(payload, &event, &object))
        return event;
    const QString type = object.value(QLatin1String("type")).toString();
    if (isContentDelta(type)) {
        event.hasChoices = true;
        const QString delta = object.value(QLatin1String("delta")).toString();
        event.hasContent = !delta.isEmpty();
        // Reasoning is generated output (TTFT) but not part of the answer text.
        if (type == QLatin1String("response.output_text.delta"))
            event.text = delta;
    } else if (type == QLatin1String("response.output_item.added") ||
               type == QLatin1String("response.content_part.added")) {
        event.hasChoices = true;
    } else if (type == QLatin1String("response.completed") ||
               type == QLatin1String("response.incomplete")) {
        readEnd(type, object.value(QLatin1String("response")).toObject(), &event);
    } else if (type == QLatin1String("response.failed")) {
        event.isError = true;
        event.errorMessage = describeError(object.value(QLatin1String("response"))
                                               .toObject()
                                               .value(QLatin1String("error"))
                                               .toObject());
    } else if (type == QLatin1String("error")) {
        event.isError = true;
        event.errorMessage = object.value(QLatin1String("error")).isObject()
                                 ? describeError(object.value(QLatin1String("error")).toObject())
                                 : describeError(object);
    } else if (type.isEmpty() && FlavorSupport::readErrorField(object, payload, &event)) {
        // llama.cpp's server reports an error after the stream started this way (an OpenAI
        // chat-style {"error": {...}} without a type), whatever the API.
    } else if (type.isEmpty()) {
        event.malformed = true;
        event.errorMessage = QStringLiteral("the server sent an event without a \"type\" (not "
                                            "an OpenAI Responses stream?): ") +
                             FlavorSupport::preview(payload, 120);
    }
    return event;
}
