#include "sim/simgenrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {
constexpr int kMaxOutputTokens = 1000000;

bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

bool absent(const QJsonValue& v) {
    return v.isUndefined() || v.isNull();
}

// An integer in [min, max] (JSON numbers are doubles: 2.5 and 1e12 are refused).
bool readInteger(const QJsonValue& v, int min, int max, int* out) {
    const double n = v.toDouble(-1);
    if (!v.isDouble() || n < min || n > max || n != double(qint64(n)))
        return false;
    *out = int(n);
    return true;
}

// Chat content: a string, null, or an array of parts (only text parts carry tokens).
bool addContent(const QJsonValue& content, SimPromptWords* words) {
    if (content.isString()) {
        words->addText(content.toString());
        return true;
    }
    if (absent(content))
        return true;
    if (!content.isArray())
        return false;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue& part : parts) {
        if (part.isString())
            words->addText(part.toString());
        else if (part.isObject())
            words->addText(part.toObject().value(u"text").toString());
        else
            return false;
    }
    return true;
}

// Every message's content, in order: the whole history is the prompt.
bool readMessages(const QJsonObject& o, SimPromptWords* words, QString* error) {
    const QJsonValue messages = o.value(u"messages");
    if (!messages.isArray() || messages.toArray().isEmpty())
        return fail(error, QStringLiteral("'messages' is a required property (a non-empty array)"));
    const QJsonArray list = messages.toArray();
    for (const QJsonValue& m : list) {
        if (!m.isObject() || !m.toObject().value(u"role").isString())
            return fail(error, QStringLiteral("Each message must be an object with a 'role'"));
        if (!addContent(m.toObject().value(u"content"), words))
            return fail(
                error, QStringLiteral("A message 'content' must be a string or an array of parts"));
    }
    return true;
}

bool readPrompt(const QJsonObject& o, SimPromptWords* words, QString* error) {
    const QJsonValue prompt = o.value(u"prompt");
    if (prompt.isString()) {
        words->addText(prompt.toString());
        return true;
    }
    if (!prompt.isArray())
        return fail(error, QStringLiteral("'prompt' is a required property"));
    const QJsonArray list = prompt.toArray();
    for (const QJsonValue& item : list) {
        if (item.isString())
            words->addText(item.toString());
        else if (item.isDouble())
            words->addTokenId(item.toDouble());
        else
            return fail(
                error,
                QStringLiteral("'prompt' must be a string or an array of strings or token ids"));
    }
    return true;
}

// max_tokens (or max_completion_tokens), min_tokens and ignore_eos.
bool readLengths(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    // max_completion_tokens is the newer chat name; it wins when both are given.
    QJsonValue maxTokens = o.value(u"max_completion_tokens");
    if (absent(maxTokens))
        maxTokens = o.value(u"max_tokens");
    r->maxTokens = defaultMaxTokens;
    r->maxTokensGiven = !absent(maxTokens);
    if (r->maxTokensGiven && !readInteger(maxTokens, 1, kMaxOutputTokens, &r->maxTokens))
        return fail(
            error,
            QStringLiteral("max_tokens must be an integer between 1 and %1").arg(kMaxOutputTokens));
    const QJsonValue minTokens = o.value(u"min_tokens");
    if (!absent(minTokens) && !readInteger(minTokens, 0, kMaxOutputTokens, &r->minTokens))
        return fail(
            error,
            QStringLiteral("min_tokens must be an integer between 0 and %1").arg(kMaxOutputTokens));
    if (r->minTokens > r->maxTokens) // vLLM refuses it the same way
        return fail(error,
                    QStringLiteral("min_tokens must be less than or equal to max_tokens=%1, got %2")
                        .arg(r->maxTokens)
                        .arg(r->minTokens));
    const QJsonValue ignoreEos = o.value(u"ignore_eos");
    if (!absent(ignoreEos) && !ignoreEos.isBool())
        return fail(error, QStringLiteral("'ignore_eos' must be a boolean"));
    r->ignoreEos = ignoreEos.toBool(false);
    return true;
}

bool readStreaming(const QJsonObject& o, SimGenRequest* r, QString* error) {
    const QJsonValue stream = o.value(u"stream");
    if (!absent(stream) && !stream.isBool())
        return fail(error, QStringLiteral("'stream' must be a boolean"));
    r->stream = stream.toBool(false);
    const QJsonValue options = o.value(u"stream_options");
    if (options.isObject())
        r->includeUsage = options.toObject().value(u"include_usage").toBool(false);
    else if (!absent(options))
        return fail(error, QStringLiteral("'stream_options' must be an object"));
    return true;
}
} // namespace

bool SimGenRequest::parse(const QByteArray& body, Kind kind, int defaultMaxTokens,
                          SimGenRequest* out, QString* error, int blockWords) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, QStringLiteral("Invalid JSON body: %1 at offset %2")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    if (!doc.isObject())
        return fail(error, QStringLiteral("The request body must be a JSON object"));
    const QJsonObject o = doc.object();
    SimGenRequest r;
    r.kind = kind;
    r.prompt = SimPromptWords(blockWords);
    r.model = o.value(u"model").toString();
    const bool promptRead =
        kind == Kind::Chat ? readMessages(o, &r.prompt, error) : readPrompt(o, &r.prompt, error);
    if (!promptRead || !readLengths(o, defaultMaxTokens, &r, error) || !readStreaming(o, &r, error))
        return false;
    r.promptTokens = r.prompt.words();
    *out = std::move(r);
    return true;
}
