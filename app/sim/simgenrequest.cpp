#include "simgenrequest.h"

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

// Chat content: a string, null, or an array of parts (only text parts carry tokens).
bool countContent(const QJsonValue& content, int* tokens) {
    if (content.isString()) {
        *tokens += SimGenRequest::countWords(content.toString());
        return true;
    }
    if (content.isNull() || content.isUndefined())
        return true;
    if (!content.isArray())
        return false;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue& part : parts) {
        if (part.isString())
            *tokens += SimGenRequest::countWords(part.toString());
        else if (part.isObject())
            *tokens += SimGenRequest::countWords(part.toObject().value(u"text").toString());
        else
            return false;
    }
    return true;
}
} // namespace

int SimGenRequest::countWords(const QString& text) {
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

bool SimGenRequest::parse(const QByteArray& body, Kind kind, int defaultMaxTokens,
                          SimGenRequest* out, QString* error) {
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
    r.model = o.value(u"model").toString();

    if (kind == Kind::Chat) {
        const QJsonValue messages = o.value(u"messages");
        if (!messages.isArray() || messages.toArray().isEmpty())
            return fail(error,
                        QStringLiteral("'messages' is a required property (a non-empty array)"));
        const QJsonArray list = messages.toArray();
        for (const QJsonValue& m : list) {
            if (!m.isObject() || !m.toObject().value(u"role").isString())
                return fail(error, QStringLiteral("Each message must be an object with a 'role'"));
            if (!countContent(m.toObject().value(u"content"), &r.promptTokens))
                return fail(
                    error,
                    QStringLiteral("A message 'content' must be a string or an array of parts"));
        }
    } else {
        const QJsonValue prompt = o.value(u"prompt");
        if (prompt.isString()) {
            r.promptTokens = countWords(prompt.toString());
        } else if (prompt.isArray()) {
            const QJsonArray list = prompt.toArray();
            for (const QJsonValue& item : list) {
                if (item.isString())
                    r.promptTokens += countWords(item.toString());
                else if (item.isDouble())
                    ++r.promptTokens; // a token id
                else
                    return fail(
                        error,
                        QStringLiteral(
                            "'prompt' must be a string or an array of strings or token ids"));
            }
        } else {
            return fail(error, QStringLiteral("'prompt' is a required property"));
        }
    }

    // max_completion_tokens is the newer chat name; it wins when both are given.
    QJsonValue maxTokens = o.value(u"max_completion_tokens");
    if (maxTokens.isUndefined() || maxTokens.isNull())
        maxTokens = o.value(u"max_tokens");
    if (!maxTokens.isUndefined() && !maxTokens.isNull()) {
        const double n = maxTokens.toDouble(-1);
        if (!maxTokens.isDouble() || n < 1 || n > kMaxOutputTokens || n != double(qint64(n)))
            return fail(error, QStringLiteral("max_tokens must be an integer between 1 and %1")
                                   .arg(kMaxOutputTokens));
        r.maxTokens = int(n);
        r.maxTokensGiven = true;
    } else {
        r.maxTokens = defaultMaxTokens;
    }

    const QJsonValue stream = o.value(u"stream");
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        return fail(error, QStringLiteral("'stream' must be a boolean"));
    r.stream = stream.toBool(false);
    const QJsonValue options = o.value(u"stream_options");
    if (options.isObject())
        r.includeUsage = options.toObject().value(u"include_usage").toBool(false);
    else if (!options.isUndefined() && !options.isNull())
        return fail(error, QStringLiteral("'stream_options' must be an object"));
    *out = r;
    return true;
}
