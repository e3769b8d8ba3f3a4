#include "protocol/anthropicflavor.h"

#include "profile/endpointconfig.h"
#include "protocol/anthropicscanner.h"
#include "protocol/flavorsupport.h"

#include <QJsonArray>

#include <climits>

QUrl AnthropicFlavor::requestUrl(const QUrl& url) {
    return FlavorSupport::versionedResourceUrl(url, QStringLiteral("messages"));
}

QNetworkRequest AnthropicFlavor::buildRequest(const EndpointConfig& endpoint,
                                              const QString& apiKey) const {
    QNetworkRequest request = FlavorSupport::makeRequest(requestUrl(endpoint.url), endpoint, apiKey,
                                                         FlavorSupport::Auth::XApiKeyHeader);
    // Required on every call; an endpoint's own header (a newer version) is kept.
    if (!request.hasRawHeader("anthropic-version"))
        request.setRawHeader("anthropic-version", kApiVersion);
    return request;
}

QByteArray AnthropicFlavor::buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                                      int maxTokens) const {
    QJsonObject body;
    body.insert(QLatin1String("model"), endpoint.model);
    body.insert(QLatin1String("max_tokens"), maxTokens);
    body.insert(QLatin1String("stream"), true);
    // The API takes no "system" role among the messages: system prompts go on top.
    QJsonArray messages;
    QStringList system;
    const QJsonArray all = FlavorSupport::chatMessages(prompt);
    for (const QJsonValue& message : all) {
        if (message.toObject().value(QLatin1String("role")).toString() == QLatin1String("system"))
            system.append(message.toObject().value(QLatin1String("content")).toString());
        else
            messages.append(message);
    }
    if (!system.isEmpty())
        body.insert(QLatin1String("system"), system.join(QLatin1Char('\n')));
    body.insert(QLatin1String("messages"), messages);
    return FlavorSupport::finishBody(std::move(body), endpoint);
}

QString AnthropicFlavor::finishReason(const QString& stopReason) {
    if (stopReason == QLatin1String("end_turn") || stopReason == QLatin1String("stop_sequence"))
        return QStringLiteral("stop");
    if (stopReason == QLatin1String("max_tokens"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    return stopReason;
}

int AnthropicFlavor::promptTokens(int input, int cacheCreation, int cacheRead) {
    if (input < 0)
        return -1;
    const qint64 sum = qint64(input) + qMax(0, cacheCreation) + qMax(0, cacheRead);
    return int(qMin<qint64>(sum, INT_MAX));
}

void AnthropicFlavor::readUsage(const QJsonObject& usage, StreamEvent* event) {
    event->promptTokens =
        promptTokens(FlavorSupport::usageCount(usage, QLatin1String("input_tokens")),
                     FlavorSupport::usageCount(usage, QLatin1String("cache_creation_input_tokens")),
                     FlavorSupport::usageCount(usage, QLatin1String("cache_read_input_tokens")));
}

void AnthropicFlavor::readDelta(const QJsonObject& object, StreamEvent* event) {
    const QJsonObject delta = object.value(QLatin1String("delta")).toObject();
    const QString type = delta.value(QLatin1String("type")).toString();
    event->hasChoices = true;
    QString text;
    if (type == QLatin1String("text_delta"))
        text = delta.value(QLatin1String("text")).toString();
    else if (type == QLatin1String("thinking_delta"))
        text = delta.value(QLatin1String("thinking")).toString();
    else if (type == QLatin1String("input_json_delta"))
        text = delta.value(QLatin1String("partial_json")).toString();
    if (text.isEmpty())
        return; // signature_delta and empty deltas: no generated token
    event->hasContent = true;
    // Thinking is generated output (TTFT) but not part of the answer text.
    if (type != QLatin1String("thinking_delta"))
        event->text = text;
}

StreamEvent AnthropicFlavor::decodePayload(const QByteArray& payload) const {
    return EventScan::decode(payload, EventScan::Text::Decode, AnthropicScanner::scan,
                             decodeReference);
}

StreamEvent AnthropicFlavor::decodeWithoutText(const QByteArray& payload) const {
    return EventScan::decode(payload, EventScan::Text::Skip, AnthropicScanner::scan,
                             decodeReference);
}

StreamEvent AnthropicFlavor::decodeReference(const QByteArray& payload) {
    StreamEvent event;
    event.raw = payload;
    QJsonObject object;
    if (!FlavorSupport::parseEventObject(payload, &event, &object))
        return event;
    const QString type = object.value(QLatin1String("type")).toString();
    if (type == QLatin1String("content_block_delta")) {
        readDelta(object, &event);
    } else if (type == QLatin1String("message_start")) {
        readUsage(object.value(QLatin1String("message"))
                      .toObject()
                      .value(QLatin1String("usage"))
                      .toObject(),
                  &event);
    } else if (type == QLatin1String("content_block_start")) {
        event.hasChoices = true;
        const QJsonObject block = object.value(QLatin1String("content_block")).toObject();
        event.text = block.value(QLatin1String("text")).toString();
        event.hasContent = !event.text.isEmpty();
    } else if (type == QLatin1String("message_delta")) {
        const QString stop = object.value(QLatin1String("delta"))
                                 .toObject()
                                 .value(QLatin1String("stop_reason"))
                                 .toString();
        event.finishReason = finishReason(stop);
        const QJsonObject usage = object.value(QLatin1String("usage")).toObject();
        event.completionTokens = FlavorSupport::usageCount(usage, QLatin1String("output_tokens"));
        readUsage(usage, &event);
    } else if (type == QLatin1String("message_stop")) {
        event.done = true;
    } else if (type == QLatin1String("error") || object.contains(QLatin1String("error"))) {
        event.isError = true;
        event.errorMessage = FlavorSupport::serverErrorMessage(payload);
    } else if (type.isEmpty()) {
        event.malformed = true;
        event.errorMessage =
            QStringLiteral("the server sent an event without a \"type\" (not an Anthropic "
                           "Messages stream?): ") +
            FlavorSupport::preview(payload, 120);
    }
    return event;
}
