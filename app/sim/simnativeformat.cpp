#include "sim/simnativeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
using Kind = SimGenRequest::Kind;

QByteArray quoted(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// One typed SSE event: "event: TYPE" and its JSON (which repeats the type, as the APIs do).
QByteArray typed(QByteArrayView type, const QByteArray& json) {
    return "event: " + type.toByteArray() + "\ndata: " + json + "\n\n";
}

QByteArray num(qint64 n) {
    return QByteArray::number(n);
}

// The simulator's tokens are plain ASCII words: no escaping needed.
QByteArray text(QByteArrayView t) {
    return '"' + t.toByteArray() + '"';
}
} // namespace

SimNativeFormat::SimNativeFormat(SimGenRequest::Kind kind, quint64 id, const QString& model)
    : m_kind(kind)
    , m_id(QByteArray("sim-") + QByteArray::number(id))
    , m_modelName(model)
    , m_model(quoted(model)) {}

bool SimNativeFormat::hasPreamble() const {
    return m_kind == Kind::Anthropic || m_kind == Kind::Responses;
}

QByteArray SimNativeFormat::preamble(int promptTokens) const {
    if (m_kind == Kind::Anthropic)
        return typed("message_start",
                     R"({"type":"message_start","message":{"id":"msg_)" + m_id +
                         R"(","type":"message","role":"assistant","content":[],"model":)" +
                         m_model +
                         R"(,"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":)" +
                         num(promptTokens) + R"(,"output_tokens":1}}})") +
               typed("content_block_start", R"({"type":"content_block_start","index":0,)"
                                            R"("content_block":{"type":"text","text":""}})");
    if (m_kind == Kind::Responses)
        return typed("response.created",
                     R"({"type":"response.created","response":{"id":"resp_)" + m_id +
                         R"(","object":"response","status":"in_progress","model":)" + m_model +
                         R"(,"output":[],"usage":null}})") +
               typed("response.output_item.added",
                     R"({"type":"response.output_item.added","output_index":0,"item":{"id":"msg_)" +
                         m_id +
                         R"(","type":"message","status":"in_progress","role":"assistant",)"
                         R"("content":[]}})");
    return QByteArray();
}

QByteArray SimNativeFormat::tgiToken(int index, QByteArrayView word, const QByteArray& tail) const {
    return R"(data:{"index":)" + num(index + 1) + R"(,"token":{"id":)" + num(index + 1000) +
           R"(,"text":)" + text(word) + R"(,"logprob":-0.1,"special":false},)" + tail + "}\n\n";
}

QByteArray SimNativeFormat::token(int index, QByteArrayView word) const {
    switch (m_kind) {
    case Kind::Anthropic:
        return typed("content_block_delta",
                     R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta",)"
                     R"("text":)" +
                         text(word) + "}}");
    case Kind::Responses:
        return typed("response.output_text.delta",
                     R"({"type":"response.output_text.delta","item_id":"msg_)" + m_id +
                         R"(","output_index":0,"content_index":0,"delta":)" + text(word) + "}");
    case Kind::Tgi:
        return tgiToken(index, word, R"("generated_text":null,"details":null)");
    case Kind::Ollama:
        return R"({"model":)" + m_model + R"(,"message":{"role":"assistant","content":)" +
               text(word) + R"(},"done":false})" + "\n";
    default:
        return QByteArray();
    }
}

QByteArray SimNativeFormat::anthropicFinish(bool lengthEnd, int completionTokens) const {
    return typed("content_block_stop", R"({"type":"content_block_stop","index":0})") +
           typed("message_delta",
                 R"({"type":"message_delta","delta":{"stop_reason":")" +
                     (lengthEnd ? QByteArray("max_tokens") : QByteArray("end_turn")) +
                     R"(","stop_sequence":null},"usage":{"output_tokens":)" +
                     num(completionTokens) + "}}") +
           typed("message_stop", R"({"type":"message_stop"})");
}

QByteArray SimNativeFormat::responsesFinish(bool lengthEnd, int promptTokens,
                                            int completionTokens) const {
    // The API reports a max_output_tokens end as an incomplete response.
    const QByteArray type = lengthEnd ? "response.incomplete" : "response.completed";
    const QByteArray status =
        lengthEnd ? R"("status":"incomplete","incomplete_details":{"reason":"max_output_tokens"})"
                  : R"("status":"completed","incomplete_details":null)";
    return typed(type, R"({"type":")" + type + R"(","response":{"id":"resp_)" + m_id +
                           R"(","object":"response",)" + status + R"(,"model":)" + m_model +
                           R"(,"usage":{"input_tokens":)" + num(promptTokens) +
                           R"(,"output_tokens":)" + num(completionTokens) + R"(,"total_tokens":)" +
                           num(promptTokens + completionTokens) + "}}}");
}

QByteArray SimNativeFormat::ollamaFinish(bool lengthEnd, int promptTokens,
                                         int completionTokens) const {
    QByteArray durations; // as Ollama writes them, when the engine set them
    if (m_durations.totalNs >= 0)
        durations = R"(,"total_duration":)" + num(m_durations.totalNs) + R"(,"load_duration":)" +
                    num(m_durations.loadNs) + R"(,"prompt_eval_duration":)" +
                    num(m_durations.promptEvalNs) + R"(,"eval_duration":)" +
                    num(m_durations.evalNs);
    return R"({"model":)" + m_model +
           R"(,"message":{"role":"assistant","content":""},"done":true,"done_reason":")" +
           (lengthEnd ? QByteArray("length") : QByteArray("stop")) + R"(")" + durations +
           R"(,"prompt_eval_count":)" + num(promptTokens) + R"(,"eval_count":)" +
           num(completionTokens) + "}\n";
}

QByteArray SimNativeFormat::last(int index, QByteArrayView word, bool lengthEnd, int promptTokens,
                                 int completionTokens, bool includeUsage) const {
    switch (m_kind) {
    case Kind::Anthropic:
        return token(index, word) + anthropicFinish(lengthEnd, completionTokens);
    case Kind::Responses:
        return token(index, word) + responsesFinish(lengthEnd, promptTokens, completionTokens);
    case Kind::Tgi:
        if (!includeUsage) // no details asked: TGI ends with the generated text alone
            return tgiToken(index, word, R"("generated_text":"","details":null)");
        return tgiToken(index, word,
                        R"("generated_text":"","details":{"finish_reason":")" +
                            (lengthEnd ? QByteArray("length") : QByteArray("eos_token")) +
                            R"(","generated_tokens":)" + num(completionTokens) +
                            R"(,"seed":null,"input_length":)" + num(promptTokens) + "}");
    case Kind::Ollama:
        return token(index, word) + ollamaFinish(lengthEnd, promptTokens, completionTokens);
    default:
        return QByteArray();
    }
}

QByteArray SimNativeFormat::errorEvent(QByteArrayView message) const {
    const QByteArray m = quoted(QString::fromLatin1(message));
    switch (m_kind) {
    case Kind::Anthropic:
        return typed("error",
                     R"({"type":"error","error":{"type":"api_error","message":)" + m + "}}");
    case Kind::Responses:
        return typed("error", R"({"type":"error","code":"server_error","message":)" + m +
                                  R"(,"param":null})");
    case Kind::Tgi:
        return R"(data:{"error":)" + m + R"(,"error_type":"generation"})" + "\n\n";
    case Kind::Ollama:
        return R"({"error":)" + m + "}\n";
    default:
        return QByteArray();
    }
}

QByteArray SimNativeFormat::errorBody(SimGenRequest::Kind kind, int status, const char* type,
                                      const QString& message) {
    const QString typeText = QString::fromLatin1(type);
    switch (kind) {
    case Kind::Anthropic: {
        // Anthropic names its 5xx "api_error" and has no "server_error".
        const QString anthropicType =
            typeText == QLatin1String("server_error") ? QStringLiteral("api_error") : typeText;
        return compact(
            {{QStringLiteral("type"), QStringLiteral("error")},
             {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), anthropicType},
                                                   {QStringLiteral("message"), message}}}});
    }
    case Kind::Tgi:
        return compact({{QStringLiteral("error"), message},
                        {QStringLiteral("error_type"),
                         status == 400 ? QStringLiteral("validation") : typeText}});
    case Kind::Ollama:
        return compact({{QStringLiteral("error"), message}});
    default:
        return compact({{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                              {QStringLiteral("type"), typeText},
                                                              {QStringLiteral("code"), status}}}});
    }
}

const char* SimNativeFormat::streamContentType(SimGenRequest::Kind kind) {
    return kind == Kind::Ollama ? "application/x-ndjson" : "text/event-stream; charset=utf-8";
}

QByteArray SimNativeFormat::nonStreamBody(QByteArrayView answer, bool lengthEnd, int promptTokens,
                                          int completionTokens) const {
    const QString t = QString::fromLatin1(answer);
    const QString& model = m_modelName;
    if (m_kind == Kind::Anthropic)
        return compact(
            {{QStringLiteral("id"), QString(QStringLiteral("msg_") + QString::fromLatin1(m_id))},
             {QStringLiteral("type"), QStringLiteral("message")},
             {QStringLiteral("role"), QStringLiteral("assistant")},
             {QStringLiteral("model"), model},
             {QStringLiteral("content"),
              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                     {QStringLiteral("text"), t}}}},
             {QStringLiteral("stop_reason"),
              lengthEnd ? QStringLiteral("max_tokens") : QStringLiteral("end_turn")},
             {QStringLiteral("usage"),
              QJsonObject{{QStringLiteral("input_tokens"), promptTokens},
                          {QStringLiteral("output_tokens"), completionTokens}}}});
    if (m_kind == Kind::Ollama) {
        QJsonObject body{{QStringLiteral("model"), model},
                         {QStringLiteral("message"),
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                      {QStringLiteral("content"), t}}},
                         {QStringLiteral("done"), true},
                         {QStringLiteral("done_reason"),
                          lengthEnd ? QStringLiteral("length") : QStringLiteral("stop")},
                         {QStringLiteral("prompt_eval_count"), promptTokens},
                         {QStringLiteral("eval_count"), completionTokens}};
        if (m_durations.totalNs >= 0) {
            body.insert(QStringLiteral("total_duration"), m_durations.totalNs);
            body.insert(QStringLiteral("load_duration"), m_durations.loadNs);
            body.insert(QStringLiteral("prompt_eval_duration"), m_durations.promptEvalNs);
            body.insert(QStringLiteral("eval_duration"), m_durations.evalNs);
        }
        return compact(body);
    }
    // Responses (TGI's route always streams).
    return compact(
        {{QStringLiteral("id"), QString(QStringLiteral("resp_") + QString::fromLatin1(m_id))},
         {QStringLiteral("object"), QStringLiteral("response")},
         {QStringLiteral("status"),
          lengthEnd ? QStringLiteral("incomplete") : QStringLiteral("completed")},
         {QStringLiteral("model"), model},
         {QStringLiteral("output"),
          QJsonArray{QJsonObject{
              {QStringLiteral("type"), QStringLiteral("message")},
              {QStringLiteral("role"), QStringLiteral("assistant")},
              {QStringLiteral("content"),
               QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                      {QStringLiteral("text"), t}}}}}}},
         {QStringLiteral("usage"),
          QJsonObject{{QStringLiteral("input_tokens"), promptTokens},
                      {QStringLiteral("output_tokens"), completionTokens},
                      {QStringLiteral("total_tokens"), promptTokens + completionTokens}}}});
}
