#include "sim/simstreamformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>

namespace {
// Plain ASCII words: no escaping needed, one word per token.
constexpr std::array<const char*, 32> kWords = {
    " the",   " model",  " answers", " with",    " tokens", " at",      " a",     " steady",
    " rate",  " while",  " the",     " batch",   " grows",  " and",     " each",  " step",
    " takes", " longer", " so",      " output",  " per",    " second",  " rises", " until",
    " it",    " meets",  " the",     " plateau", " where",  " latency", " only",  " climbs"};

QByteArray jsonString(const QString& text) {
    // QJsonDocument escapes for us; strip the surrounding [ ].
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}
} // namespace

SimStreamFormat::SimStreamFormat(SimGenRequest::Kind kind, quint64 id, const QString& model,
                                 qint64 createdS)
    : m_kind(kind)
    , m_native(kind, id, model)
    , m_seq(id)
    , m_model(model)
    , m_created(createdS) {
    const bool chat = kind == SimGenRequest::Kind::Chat;
    m_id = (chat ? QByteArray("chatcmpl-sim-") : QByteArray("cmpl-sim-")) + QByteArray::number(id);
    m_head = "data: {\"id\":\"" + m_id + "\",\"object\":\"" +
             (chat ? QByteArray("chat.completion.chunk") : QByteArray("text_completion")) +
             "\",\"created\":" + QByteArray::number(createdS) + ",\"model\":" + jsonString(model) +
             ",\"choices\":[";
    m_tokenPrefix = m_head + (chat ? QByteArray("{\"index\":0,\"delta\":{\"content\":\"")
                                   : QByteArray("{\"index\":0,\"text\":\""));
    m_tokenSuffix = chat ? QByteArray("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n")
                         : QByteArray("\",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
}

QByteArrayView SimStreamFormat::tokenText(quint64 id, int index) {
    return QByteArrayView(kWords[size_t((id * 7 + quint64(index)) % kWords.size())]);
}

void SimStreamFormat::beginChunk(QByteArray* out, qsizetype length) {
    char hex[20];
    int n = 0;
    do {
        hex[n++] = "0123456789abcdef"[length & 0xf];
        length >>= 4;
    } while (length);
    while (n)
        out->append(hex[--n]);
    out->append("\r\n", 2);
}

bool SimStreamFormat::isOpenAi() const {
    return m_kind == SimGenRequest::Kind::Chat || m_kind == SimGenRequest::Kind::Completion;
}

void SimStreamFormat::appendFramed(QByteArray* out, const QByteArray& events) {
    if (events.isEmpty())
        return;
    beginChunk(out, events.size());
    out->append(events).append("\r\n", 2);
}

bool SimStreamFormat::hasPreamble() const {
    return m_kind == SimGenRequest::Kind::Chat || m_native.hasPreamble();
}

void SimStreamFormat::appendPreamble(QByteArray* out, int promptTokens) const {
    if (m_kind != SimGenRequest::Kind::Chat)
        return appendFramed(out, m_native.preamble(promptTokens));
    static constexpr QByteArrayView tail(
        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
        "\"finish_reason\":null}]}\n\n");
    beginChunk(out, m_head.size() + tail.size());
    out->append(m_head).append(tail).append("\r\n", 2);
}

void SimStreamFormat::appendToken(QByteArray* out, int index) const {
    const QByteArrayView word = tokenText(m_seq, index);
    if (!isOpenAi())
        return appendFramed(out, m_native.token(index, word));
    beginChunk(out, m_tokenPrefix.size() + word.size() + m_tokenSuffix.size());
    out->append(m_tokenPrefix).append(word).append(m_tokenSuffix).append("\r\n", 2);
}

void SimStreamFormat::appendFinish(QByteArray* out, QByteArrayView reason) const {
    const bool chat = m_kind == SimGenRequest::Kind::Chat;
    const QByteArray event = m_head +
                             (chat ? QByteArray("{\"index\":0,\"delta\":{},")
                                   : QByteArray("{\"index\":0,\"text\":\"\",")) +
                             "\"logprobs\":null,\"finish_reason\":\"" + reason.toByteArray() +
                             "\"}]}\n\n";
    beginChunk(out, event.size());
    out->append(event).append("\r\n", 2);
}

void SimStreamFormat::appendUsage(QByteArray* out, int promptTokens, int completionTokens) const {
    const QByteArray event =
        m_head + "],\"usage\":{\"prompt_tokens\":" + QByteArray::number(promptTokens) +
        ",\"completion_tokens\":" + QByteArray::number(completionTokens) +
        ",\"total_tokens\":" + QByteArray::number(promptTokens + completionTokens) + "}}\n\n";
    beginChunk(out, event.size());
    out->append(event).append("\r\n", 2);
}

void SimStreamFormat::appendLast(QByteArray* out, int index, bool lengthEnd, int promptTokens,
                                 int completionTokens, bool includeUsage) const {
    if (!isOpenAi()) {
        appendFramed(out, m_native.last(index, tokenText(m_seq, index), lengthEnd, promptTokens,
                                        completionTokens, includeUsage));
        return appendEnd(out);
    }
    appendToken(out, index);
    appendFinish(out, lengthEnd ? "length" : "stop");
    if (includeUsage)
        appendUsage(out, promptTokens, completionTokens);
    appendDone(out);
    appendEnd(out);
}

void SimStreamFormat::appendErrorEnd(QByteArray* out, QByteArrayView message) const {
    if (isOpenAi()) {
        appendErrorEvent(out, message);
        appendDone(out);
    } else {
        appendFramed(out, m_native.errorEvent(message));
    }
    appendEnd(out);
}

void SimStreamFormat::appendErrorEvent(QByteArray* out, QByteArrayView message) {
    const QByteArray event = "data: {\"error\":{\"message\":\"" + message.toByteArray() +
                             "\",\"type\":\"server_error\",\"code\":500}}\n\n";
    beginChunk(out, event.size());
    out->append(event).append("\r\n", 2);
}

void SimStreamFormat::appendDone(QByteArray* out) {
    static constexpr QByteArrayView done("data: [DONE]\n\n");
    beginChunk(out, done.size());
    out->append(done).append("\r\n", 2);
}

void SimStreamFormat::appendEnd(QByteArray* out) {
    out->append("0\r\n\r\n", 5);
}

QByteArray SimStreamFormat::nonStreamBody(int tokens, QByteArrayView reason,
                                          int promptTokens) const {
    QByteArray text;
    for (int i = 0; i < tokens; ++i)
        text.append(tokenText(m_seq, i));
    if (!isOpenAi())
        return m_native.nonStreamBody(text, reason == "length", promptTokens, tokens);
    const bool chat = m_kind == SimGenRequest::Kind::Chat;
    QJsonObject choice{{QStringLiteral("index"), 0},
                       {QStringLiteral("logprobs"), QJsonValue::Null},
                       {QStringLiteral("finish_reason"), QString::fromLatin1(reason)}};
    if (chat)
        choice.insert(QStringLiteral("message"),
                      QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("content"), QString::fromLatin1(text)}});
    else
        choice.insert(QStringLiteral("text"), QString::fromLatin1(text));
    const QJsonObject o{{QStringLiteral("id"), QString::fromLatin1(m_id)},
                        {QStringLiteral("object"), chat ? QStringLiteral("chat.completion")
                                                        : QStringLiteral("text_completion")},
                        {QStringLiteral("created"), m_created},
                        {QStringLiteral("model"), m_model},
                        {QStringLiteral("choices"), QJsonArray{choice}},
                        {QStringLiteral("usage"),
                         QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                                     {QStringLiteral("completion_tokens"), tokens},
                                     {QStringLiteral("total_tokens"), promptTokens + tokens}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
