#include "protocol/flavorsupport.h"

#include "protocol/chunkscanner.h"

#include "common/headertext.h"
#include "profile/endpointconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

namespace {
int tokenCount(const QJsonObject& usage, QLatin1String key) {
    const QJsonValue value = usage.value(key);
    if (!value.isDouble())
        return -1;
    const int count = value.toInt(-1);
    return count >= 0 ? count : -1;
}

// A choice's generated text: a chat delta's content / reasoning, or a completion's text.
void readChoice(const QJsonObject& choice, StreamEvent* event, bool* sawRole) {
    const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
    const QString content = delta.value(QLatin1String("content")).toString();
    const QString text = choice.value(QLatin1String("text")).toString();
    // reasoning models stream their thinking first; it is generated output, so it counts
    // for TTFT (docs/METRICS.md), but it is not part of the answer text.
    const bool reasoning = !delta.value(QLatin1String("reasoning_content")).toString().isEmpty() ||
                           !delta.value(QLatin1String("reasoning")).toString().isEmpty();
    if (!content.isEmpty() || !text.isEmpty() || reasoning) {
        event->hasContent = true;
        event->text += content;
        event->text += text;
    }
    if (delta.contains(QLatin1String("role")))
        *sawRole = true;
    const QString finish = choice.value(QLatin1String("finish_reason")).toString();
    if (!finish.isEmpty() && event->finishReason.isEmpty())
        event->finishReason = finish;
}

QString errorText(const QJsonValue& error) {
    if (error.isString())
        return error.toString();
    if (error.isObject()) {
        const QJsonObject object = error.toObject();
        for (const auto key : {QLatin1String("message"), QLatin1String("detail"),
                               QLatin1String("type"), QLatin1String("code")}) {
            const QJsonValue value = object.value(key);
            if (value.isString() && !value.toString().isEmpty())
                return value.toString();
        }
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    if (error.isArray())
        return QString::fromUtf8(QJsonDocument(error.toArray()).toJson(QJsonDocument::Compact));
    return QString();
}
} // namespace

QString FlavorSupport::trimmedPath(const QUrl& url) {
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QUrl FlavorSupport::appendPath(const QUrl& url, const QString& suffix) {
    QUrl result = url;
    QString tail = suffix;
    while (tail.startsWith(QLatin1Char('/')))
        tail.remove(0, 1);
    result.setPath(trimmedPath(url) + QLatin1Char('/') + tail);
    return result;
}

bool FlavorSupport::endsWithVersionSegment(const QString& path) {
    static const QRegularExpression version(QStringLiteral("/v\\d+([a-z]+\\d*)?$"));
    return version.match(path).hasMatch();
}

QUrl FlavorSupport::versionedResourceUrl(const QUrl& url, const QString& resource) {
    const QString path = trimmedPath(url);
    if (path.endsWith(QLatin1Char('/') + resource))
        return url;
    if (endsWithVersionSegment(path))
        return appendPath(url, resource);
    return appendPath(url, QStringLiteral("v1/") + resource);
}

QNetworkRequest FlavorSupport::makeRequest(const QUrl& url, const EndpointConfig& endpoint,
                                           const QString& apiKey, Auth auth) {
    // Credentials in the URL ("http://user:pass@host/") are sent as Basic authentication,
    // on every request and on both transports alike, rather than left to Qt's stack (which
    // only answers a 401 challenge) or lost by the direct one. The URL itself goes out
    // without them. (The validator refuses them together with an API key.)
    QUrl target = url;
    const QByteArray basic = url.userInfo().isEmpty()
                                 ? QByteArray()
                                 : (url.userName() + QLatin1Char(':') + url.password()).toUtf8();
    target.setUserInfo(QString());
    QNetworkRequest request(target);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "text/event-stream");
    // Qt would otherwise ask for compression and decompress per chunk: measure raw bytes.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setRawHeader("User-Agent", QByteArrayLiteral("Plateau/") + PLATEAU_VERSION);
    if (!basic.isEmpty() && apiKey.isEmpty())
        request.setRawHeader("Authorization", "Basic " + basic.toBase64());
    if (!apiKey.isEmpty()) {
        if (auth == Auth::Bearer)
            request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
        else if (auth == Auth::XApiKeyHeader)
            request.setRawHeader("x-api-key", apiKey.toUtf8());
        else
            request.setRawHeader("api-key", apiKey.toUtf8());
    }
    for (const auto& header : endpoint.headers)
        request.setRawHeader(header.first.toUtf8(), header.second.toUtf8());

    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Qt 6 negotiates HTTP/2 over TLS by default; HTTP/2 is a different kind of load (one
    // multiplexed connection), so it is used only when the endpoint asks for it.
    const bool tls = url.scheme() == QLatin1String("https");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, endpoint.http2);
    if (endpoint.http2 && !tls)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    return request;
}

QString FlavorSupport::headerProblem(const QNetworkRequest& request) {
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray& name : names) {
        const QString printable = QString::fromLatin1(name.toPercentEncoding("-_.!#$&'*+^`|~"));
        if (!HeaderText::isValidName(QString::fromLatin1(name)))
            return QStringLiteral("header name \"%1\" is not a valid HTTP token").arg(printable);
        const QByteArray value = request.rawHeader(name);
        if (!HeaderText::isValidValue(QByteArrayView(value)))
            // The value is never shown: it may be (or contain) a key.
            return QStringLiteral("header \"%1\" contains %2")
                .arg(printable, HeaderText::valueProblem(QString::fromLatin1(value)));
    }
    return QString();
}

QJsonObject FlavorSupport::commonBody(const EndpointConfig& endpoint, int maxTokens,
                                      bool includeModel, bool exactOutputSupported) {
    QJsonObject body;
    if (includeModel)
        body.insert(QLatin1String("model"), endpoint.model);
    body.insert(QLatin1String("stream"), true);
    body.insert(QLatin1String("stream_options"),
                QJsonObject{{QLatin1String("include_usage"), true}});
    body.insert(QLatin1String("max_tokens"), maxTokens);
    if (endpoint.forceExactOutput && exactOutputSupported) {
        // vLLM / SGLang / llama.cpp knobs; self-hosted servers that do not know them
        // usually ignore them (hosted APIs do not: see ApiFlavor::supportsExactOutput).
        body.insert(QLatin1String("ignore_eos"), true);
        body.insert(QLatin1String("min_tokens"), maxTokens);
    }
    return body;
}

QJsonArray FlavorSupport::chatMessages(const Prompt& prompt) {
    if (!prompt.messages.isEmpty())
        return prompt.messages;
    return QJsonArray{QJsonObject{{QLatin1String("role"), QLatin1String("user")},
                                  {QLatin1String("content"), prompt.text}}};
}

QString FlavorSupport::completionPrompt(const Prompt& prompt) {
    if (!prompt.text.isEmpty() || prompt.messages.isEmpty())
        return prompt.text;
    QStringList parts;
    for (const QJsonValue& message : prompt.messages)
        parts.append(message.toObject().value(QLatin1String("content")).toString());
    return parts.join(QLatin1Char('\n'));
}

QJsonObject FlavorSupport::deepMerge(QJsonObject base, const QJsonObject& overlay) {
    for (auto it = overlay.begin(); it != overlay.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isNull()) {
            base.remove(it.key());
        } else if (value.isObject() && base.value(it.key()).isObject()) {
            base.insert(it.key(), deepMerge(base.value(it.key()).toObject(), value.toObject()));
        } else {
            base.insert(it.key(), value);
        }
    }
    return base;
}

QByteArray FlavorSupport::finishBody(QJsonObject body, const EndpointConfig& endpoint) {
    return QJsonDocument(deepMerge(std::move(body), endpoint.extraBody))
        .toJson(QJsonDocument::Compact);
}

StreamEvent FlavorSupport::decodeOpenAiPayload(const QByteArray& payload, Text text) {
    StreamEvent event;
    event.raw = payload;
    if (QByteArrayView(payload).trimmed() == "[DONE]") {
        event.done = true;
        return event;
    }
    return EventScan::decode(payload, text, ChunkScanner::scan, decodeOpenAiPayloadReference);
}

StreamEvent FlavorSupport::decodeOpenAiPayloadReference(const QByteArray& payload) {
    StreamEvent event;
    event.raw = payload;
    const QByteArray trimmed = payload.trimmed();
    if (trimmed == "[DONE]") {
        event.done = true;
        return event;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        event.malformed = true;
        event.errorMessage =
            QStringLiteral("the server sent an event that is not a JSON object: ") +
            preview(payload, 120);
        return event;
    }
    const QJsonObject object = document.object();
    // {"error": ...} (OpenAI, llama.cpp, TGI) or {"object": "error", "message": ...} (vLLM).
    const QJsonValue errorValue = object.value(QLatin1String("error"));
    if ((!errorValue.isUndefined() && !errorValue.isNull() && errorValue != QJsonValue(false)) ||
        object.value(QLatin1String("object")).toString() == QLatin1String("error")) {
        event.isError = true;
        QString message = errorText(errorValue);
        if (message.isEmpty())
            message = errorText(object);
        event.errorMessage = message.isEmpty() ? QStringLiteral("error event") : message;
        return event;
    }

    const QJsonValue choices = object.value(QLatin1String("choices"));
    if (!choices.isUndefined() && !choices.isNull() && !choices.isArray()) {
        event.malformed = true;
        event.errorMessage =
            QStringLiteral("\"choices\" is not an array: ") + preview(payload, 120);
        return event;
    }
    const QJsonArray choiceList = choices.toArray();
    event.hasChoices = !choiceList.isEmpty();
    bool sawRole = false;
    for (const QJsonValue& choice : choiceList)
        readChoice(choice.toObject(), &event, &sawRole);
    event.roleOnly = sawRole && !event.hasContent && event.finishReason.isEmpty();

    const QJsonObject usage = object.value(QLatin1String("usage")).toObject();
    if (!usage.isEmpty()) {
        event.promptTokens = tokenCount(usage, QLatin1String("prompt_tokens"));
        event.completionTokens = tokenCount(usage, QLatin1String("completion_tokens"));
    }
    return event;
}

bool FlavorSupport::parseEventObject(const QByteArray& payload, StreamEvent* event,
                                     QJsonObject* object) {
    if (QByteArrayView(payload).trimmed() == "[DONE]") {
        // Not the protocol's own end, but a gateway in front of it may append one.
        event->done = true;
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        event->malformed = true;
        event->errorMessage =
            QStringLiteral("the server sent an event that is not a JSON object: ") +
            preview(payload, 120);
        return false;
    }
    *object = document.object();
    return true;
}

bool FlavorSupport::readErrorField(const QJsonObject& object, const QByteArray& payload,
                                   StreamEvent* event) {
    const QJsonValue error = object.value(QLatin1String("error"));
    if (error.isUndefined() || error.isNull())
        return false;
    event->isError = true;
    event->errorMessage = serverErrorMessage(payload);
    return true;
}

int FlavorSupport::usageCount(const QJsonObject& object, QLatin1String key) {
    return tokenCount(object, key);
}

QString FlavorSupport::serverErrorMessage(const QByteArray& body) {
    QByteArray json = body.trimmed();
    // Some servers frame even their error answers as an event: "data: {...}".
    if (json.startsWith("data:")) {
        const qsizetype lineEnd = json.indexOf('\n');
        json = json.mid(5, lineEnd < 0 ? -1 : lineEnd - 5).trimmed();
    }
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        for (const auto key :
             {QLatin1String("error"), QLatin1String("message"), QLatin1String("detail")}) {
            const QString text = errorText(object.value(key));
            if (!text.isEmpty())
                return text;
        }
    }
    return preview(body, 300);
}

QString FlavorSupport::preview(const QByteArray& bytes, int maxChars) {
    QString text = QString::fromUtf8(bytes.left(qsizetype(maxChars) * 4)).simplified();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QStringLiteral("…");
    }
    return text;
}
