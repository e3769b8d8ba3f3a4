#include "sim/simgenrequest.h"

#include "sim/simdigest.h"
#include "sim/simembeddings.h"

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
bool readMessages(const QJsonObject& o, SimPromptWords* words, QString* error,
                  QLatin1String key = QLatin1String("messages")) {
    const QJsonValue messages = o.value(key);
    if (!messages.isArray() || messages.toArray().isEmpty())
        return fail(error,
                    QStringLiteral("'%1' is a required property (a non-empty array)").arg(key));
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

// The output limit (named `name` in messages), min_tokens and ignore_eos of `o`.
bool readLengths(const QJsonObject& o, const QJsonValue& maxTokens, QLatin1String name,
                 int defaultMaxTokens, SimGenRequest* r, QString* error) {
    r->maxTokens = defaultMaxTokens;
    r->maxTokensGiven = !absent(maxTokens);
    if (r->maxTokensGiven && !readInteger(maxTokens, 1, kMaxOutputTokens, &r->maxTokens))
        return fail(error, QStringLiteral("%1 must be an integer between 1 and %2")
                               .arg(name)
                               .arg(kMaxOutputTokens));
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

// max_tokens (or max_completion_tokens, the newer chat name, which wins when both are given).
bool readOpenAiLengths(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r,
                       QString* error) {
    QJsonValue maxTokens = o.value(u"max_completion_tokens");
    if (absent(maxTokens))
        maxTokens = o.value(u"max_tokens");
    return readLengths(o, maxTokens, QLatin1String("max_tokens"), defaultMaxTokens, r, error);
}

// Anthropic: an optional top-level system prompt (a string or text blocks), then the
// messages; max_tokens is required.
bool readAnthropic(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    if (!addContent(o.value(u"system"), &r->prompt))
        return fail(error, QStringLiteral("system: must be a string or an array of text blocks"));
    if (!readMessages(o, &r->prompt, error))
        return false;
    if (absent(o.value(u"max_tokens")))
        return fail(error, QStringLiteral("max_tokens: Field required"));
    if (!readLengths(o, o.value(u"max_tokens"), QLatin1String("max_tokens"), defaultMaxTokens, r,
                     error) ||
        !readStreaming(o, r, error))
        return false;
    r->includeUsage = true;
    return true;
}

// Responses: optional instructions, then input as a string or a list of messages.
bool readResponses(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    r->prompt.addText(o.value(u"instructions").toString());
    const QJsonValue input = o.value(u"input");
    if (input.isString())
        r->prompt.addText(input.toString());
    else if (!readMessages(o, &r->prompt, error, QLatin1String("input")))
        return false;
    if (!readLengths(o, o.value(u"max_output_tokens"), QLatin1String("max_output_tokens"),
                     defaultMaxTokens, r, error) ||
        !readStreaming(o, r, error))
        return false;
    r->includeUsage = true;
    return true;
}

// TGI's /generate_stream: inputs (text) and parameters; the route always streams.
bool readTgi(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    if (!o.value(u"inputs").isString())
        return fail(error, QStringLiteral("Input validation error: `inputs` must be a string"));
    r->prompt.addText(o.value(u"inputs").toString());
    const QJsonValue parameters = o.value(u"parameters");
    if (!absent(parameters) && !parameters.isObject())
        return fail(error,
                    QStringLiteral("Input validation error: `parameters` must be an object"));
    const QJsonObject p = parameters.toObject();
    r->stream = true;
    r->includeUsage = p.value(u"details").toBool(false);
    return readLengths(p, p.value(u"max_new_tokens"), QLatin1String("max_new_tokens"),
                       defaultMaxTokens, r, error);
}

// Ollama's /api/chat: messages, options.num_predict, a stream unless "stream": false.
bool readOllama(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    if (!readMessages(o, &r->prompt, error))
        return false;
    const QJsonValue options = o.value(u"options");
    if (!absent(options) && !options.isObject())
        return fail(error, QStringLiteral("options must be an object"));
    const QJsonValue stream = o.value(u"stream");
    if (!absent(stream) && !stream.isBool())
        return fail(error, QStringLiteral("stream must be a boolean"));
    r->stream = stream.toBool(true);
    r->includeUsage = true;
    const QJsonObject opts = options.toObject();
    return readLengths(opts, opts.value(u"num_predict"), QLatin1String("num_predict"),
                       defaultMaxTokens, r, error);
}

bool readBody(const QJsonObject& o, int defaultMaxTokens, SimGenRequest* r, QString* error) {
    using Kind = SimGenRequest::Kind;
    switch (r->kind) {
    case Kind::Chat:
        return readMessages(o, &r->prompt, error) &&
               readOpenAiLengths(o, defaultMaxTokens, r, error) && readStreaming(o, r, error);
    case Kind::Completion:
        return readPrompt(o, &r->prompt, error) &&
               readOpenAiLengths(o, defaultMaxTokens, r, error) && readStreaming(o, r, error);
    case Kind::Anthropic:
        return readAnthropic(o, defaultMaxTokens, r, error);
    case Kind::Responses:
        return readResponses(o, defaultMaxTokens, r, error);
    case Kind::Tgi:
        return readTgi(o, defaultMaxTokens, r, error);
    case Kind::Ollama:
        return readOllama(o, defaultMaxTokens, r, error);
    case Kind::Embeddings:
        return SimEmbeddings::read(o, r, error);
    }
    return false;
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
    if (!readBody(o, defaultMaxTokens, &r, error))
        return false;
    r.promptTokens = r.prompt.words();
    r.assistantDigests = SimDigest::assistantMessages(o);
    *out = std::move(r);
    return true;
}
