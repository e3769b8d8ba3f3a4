#include "results/recordjson.h"

#include "results/jsontime.h"

#include <QJsonArray>

#include <array>
#include <cmath>
#include <utility>

using namespace JsonTime;

namespace {
// Object: a QJsonObject, or the streaming reader's ResultsRecordFields (the same values).
template <typename Object>
qint64 integer(const Object& o, const QString& key, qint64 fallback = -1) {
    return o.value(key).toInteger(fallback);
}

template <typename Object> int smallInt(const Object& o, const QString& key, int fallback) {
    return JsonTime::smallInt(o.value(key), fallback);
}

// What a request asked for and belonged to (issue 16), the same keys in the journal and the
// results; a file written before these fields existed reads as "none".
void writeWorkloadFields(const RequestRecord& r, QJsonObject* o) {
    o->insert(QStringLiteral("requested_output_tokens"), r.requestedOutputTokens);
    o->insert(QStringLiteral("early_stop"), r.earlyStop);
    o->insert(QStringLiteral("prefix_group"), r.prefixGroup);
    o->insert(QStringLiteral("conversation_id"), r.conversationId);
    o->insert(QStringLiteral("turn_index"), r.turnIndex);
    o->insert(QStringLiteral("source_index"), r.sourceIndex);
    if (r.embeddingInputs > 0) // openai-embeddings only: generation records stay as they were
        o->insert(QStringLiteral("embedding_inputs"), r.embeddingInputs);
}

template <typename Object> void readWorkloadFields(const Object& o, RequestRecord* r) {
    r->requestedOutputTokens = smallInt(o, QStringLiteral("requested_output_tokens"), -1);
    r->earlyStop = o.value(QStringLiteral("early_stop")).toBool();
    r->prefixGroup = smallInt(o, QStringLiteral("prefix_group"), -1);
    r->conversationId = integer(o, QStringLiteral("conversation_id"));
    r->turnIndex = smallInt(o, QStringLiteral("turn_index"), -1);
    r->sourceIndex = integer(o, QStringLiteral("source_index"));
    r->embeddingInputs = std::max(0, smallInt(o, QStringLiteral("embedding_inputs"), 0));
}

// The server's own timings (issue 14, Ollama), optional like server_request_id: only a
// response that reported them has the keys. The journal keeps ns, the results ms.
constexpr std::array<std::pair<const char*, qint64 RequestRecord::*>, 4> kServerTimings = {
    {{"server_total", &RequestRecord::serverTotalNs},
     {"server_load", &RequestRecord::serverLoadNs},
     {"server_prompt_eval", &RequestRecord::serverPromptEvalNs},
     {"server_eval", &RequestRecord::serverEvalNs}}};

void writeServerTimings(const RequestRecord& r, bool ms, QJsonObject* o) {
    for (const auto& [name, field] : kServerTimings)
        if (r.*field >= 0)
            o->insert(QString::fromLatin1(name) + QLatin1String(ms ? "_ms" : "_ns"),
                      ms ? QJsonValue(double(r.*field) / 1e6) : QJsonValue(r.*field));
}

template <typename Object> void readServerTimings(const Object& o, bool ms, RequestRecord* r) {
    for (const auto& [name, field] : kServerTimings) {
        const QJsonValue value =
            o.value(QString::fromLatin1(name) + QLatin1String(ms ? "_ms" : "_ns"));
        // The ms were written at full precision, so they give the ns back exactly; a
        // negative, huge or mistyped value reads as "not reported".
        const double ns = ms ? std::round(value.toDouble(-1) * 1e6) : value.toDouble(-1);
        r->*field = value.isDouble() && ns >= 0 && ns < 1e15 ? qint64(ns) : -1;
    }
}
} // namespace

QJsonObject RecordJson::toJournalJson(const RequestRecord& r) {
    QJsonArray deltas;
    qint64 previous = r.tSendNs >= 0 ? r.tSendNs : 0;
    for (qint64 t : r.contentEventNs) {
        deltas.append(t - previous);
        previous = t;
    }
    QJsonObject o{
        {QStringLiteral("id"), qint64(r.id)},
        {QStringLiteral("level"), r.level},
        {QStringLiteral("warmup"), r.warmup},
        {QStringLiteral("t_sched_ns"), r.tSchedNs},
        {QStringLiteral("t_send_ns"), r.tSendNs},
        {QStringLiteral("t_headers_ns"), r.tHeadersNs},
        {QStringLiteral("t_first_event_ns"), r.tFirstEventNs},
        {QStringLiteral("t_first_content_ns"), r.tFirstContentNs},
        {QStringLiteral("t_last_content_ns"), r.tLastContentNs},
        {QStringLiteral("t_end_ns"), r.tEndNs},
        {QStringLiteral("content_event_deltas_ns"), deltas},
        {QStringLiteral("output_tokens"), r.outputTokens},
        {QStringLiteral("output_tokens_source"), tokenSourceName(r.outputTokensSource)},
        {QStringLiteral("input_tokens"), r.inputTokens},
        {QStringLiteral("input_tokens_source"), tokenSourceName(r.inputTokensSource)},
        {QStringLiteral("http_status"), r.httpStatus},
        {QStringLiteral("finish_reason"), r.finishReason},
        {QStringLiteral("error"), r.error},
        {QStringLiteral("error_message"), r.errorMessage},
    };
    writeWorkloadFields(r, &o);
    // Optional: only responses that carried an X-Request-Id have one.
    if (!r.serverRequestId.isEmpty())
        o.insert(QStringLiteral("server_request_id"), r.serverRequestId);
    writeServerTimings(r, false, &o);
    return o;
}

RequestRecord RecordJson::fromJournalJson(const QJsonObject& o) {
    RequestRecord r;
    r.id = quint64(integer(o, QStringLiteral("id"), 0));
    r.level = smallInt(o, QStringLiteral("level"), -1);
    r.warmup = o.value(QStringLiteral("warmup")).toBool();
    r.tSchedNs = integer(o, QStringLiteral("t_sched_ns"));
    r.tSendNs = integer(o, QStringLiteral("t_send_ns"));
    r.tHeadersNs = integer(o, QStringLiteral("t_headers_ns"));
    r.tFirstEventNs = integer(o, QStringLiteral("t_first_event_ns"));
    r.tFirstContentNs = integer(o, QStringLiteral("t_first_content_ns"));
    r.tLastContentNs = integer(o, QStringLiteral("t_last_content_ns"));
    r.tEndNs = integer(o, QStringLiteral("t_end_ns"));
    const QJsonArray deltas = o.value(QStringLiteral("content_event_deltas_ns")).toArray();
    r.contentEventNs.reserve(deltas.size());
    // Unsigned sums: a corrupt line may hold any numbers, and signed overflow is UB.
    quint64 t = quint64(r.tSendNs >= 0 ? r.tSendNs : 0);
    for (const QJsonValue& delta : deltas) {
        t += quint64(delta.toInteger(0));
        r.contentEventNs.append(qint64(t));
    }
    r.outputTokens = smallInt(o, QStringLiteral("output_tokens"), 0);
    r.outputTokensSource =
        tokenSourceFromName(o.value(QStringLiteral("output_tokens_source")).toString());
    r.inputTokens = smallInt(o, QStringLiteral("input_tokens"), 0);
    r.inputTokensSource =
        tokenSourceFromName(o.value(QStringLiteral("input_tokens_source")).toString());
    r.httpStatus = smallInt(o, QStringLiteral("http_status"), 0);
    r.finishReason = o.value(QStringLiteral("finish_reason")).toString();
    r.error = o.value(QStringLiteral("error")).toString();
    r.errorMessage = o.value(QStringLiteral("error_message")).toString();
    r.serverRequestId = o.value(QStringLiteral("server_request_id")).toString();
    readServerTimings(o, false, &r);
    readWorkloadFields(o, &r);
    return r;
}

QJsonObject RecordJson::toResultsJson(const RequestRecord& r, qint64 runStartNs) {
    QJsonArray itl;
    for (double gap : r.itlMs())
        itl.append(gap);
    QJsonObject o{
        {QStringLiteral("id"), qint64(r.id)},
        {QStringLiteral("level"), r.level},
        {QStringLiteral("warmup"), r.warmup},
        {QStringLiteral("t_send_ms"), offsetMs(r.tSendNs, runStartNs)},
        {QStringLiteral("t_end_ms"), offsetMs(r.tEndNs, runStartNs)},
        {QStringLiteral("queue_ms"), msOrNull(r.queueMs())},
        {QStringLiteral("ttfb_ms"), msOrNull(r.ttfbMs())},
        {QStringLiteral("ttft_ms"), msOrNull(r.ttftMs())},
        {QStringLiteral("ttfe_ms"), msOrNull(r.ttfeMs())},
        {QStringLiteral("e2e_ms"), msOrNull(r.e2eMs())},
        {QStringLiteral("tpot_ms"), msOrNull(r.tpotMs())},
        {QStringLiteral("itl_ms"), itl},
        {QStringLiteral("output_tokens"), r.outputTokens},
        {QStringLiteral("output_tokens_source"), tokenSourceName(r.outputTokensSource)},
        {QStringLiteral("input_tokens"), r.inputTokens},
        {QStringLiteral("input_tokens_source"), tokenSourceName(r.inputTokensSource)},
        {QStringLiteral("http_status"), r.httpStatus},
        {QStringLiteral("finish_reason"), r.finishReason},
        {QStringLiteral("error"), r.error},
        {QStringLiteral("error_message"), r.errorMessage},
    };
    writeWorkloadFields(r, &o);
    // Optional (not a CSV column): only responses that carried an X-Request-Id have one.
    if (!r.serverRequestId.isEmpty())
        o.insert(QStringLiteral("server_request_id"), r.serverRequestId);
    writeServerTimings(r, true, &o);
    return o;
}

namespace {
template <typename Object> RequestRecord readResults(const Object& o, qint64 runStartNs) {
    RequestRecord r;
    r.id = quint64(integer(o, QStringLiteral("id"), 0));
    r.level = smallInt(o, QStringLiteral("level"), -1);
    r.warmup = o.value(QStringLiteral("warmup")).toBool();
    r.tSendNs = nsFromMs(o.value(QStringLiteral("t_send_ms")), runStartNs);
    r.tEndNs = nsFromMs(o.value(QStringLiteral("t_end_ms")), runStartNs);
    if (r.tSendNs >= 0) {
        // queue_ms counts backwards from the send: t_sched = t_send - queue.
        const QJsonValue queue = o.value(QStringLiteral("queue_ms"));
        if (queue.isDouble())
            r.tSchedNs = nsFromMs(QJsonValue(-queue.toDouble()), r.tSendNs);
        r.tHeadersNs = nsFromMs(o.value(QStringLiteral("ttfb_ms")), r.tSendNs);
        r.tFirstEventNs = nsFromMs(o.value(QStringLiteral("ttfe_ms")), r.tSendNs);
        r.tFirstContentNs = nsFromMs(o.value(QStringLiteral("ttft_ms")), r.tSendNs);
        r.tLastContentNs = nsFromMs(o.value(QStringLiteral("e2e_ms")), r.tSendNs);
    }
    if (r.tFirstContentNs >= 0) {
        r.contentEventNs.append(r.tFirstContentNs);
        const QJsonArray itl = o.value(QStringLiteral("itl_ms")).toArray();
        for (const QJsonValue& gap : itl) {
            const qint64 next = nsFromMs(gap, r.contentEventNs.last());
            if (next < 0)
                break;
            r.contentEventNs.append(next);
        }
    }
    r.outputTokens = smallInt(o, QStringLiteral("output_tokens"), 0);
    r.outputTokensSource =
        tokenSourceFromName(o.value(QStringLiteral("output_tokens_source")).toString());
    r.inputTokens = smallInt(o, QStringLiteral("input_tokens"), 0);
    r.inputTokensSource =
        tokenSourceFromName(o.value(QStringLiteral("input_tokens_source")).toString());
    r.httpStatus = smallInt(o, QStringLiteral("http_status"), 0);
    r.finishReason = o.value(QStringLiteral("finish_reason")).toString();
    r.error = o.value(QStringLiteral("error")).toString();
    r.errorMessage = o.value(QStringLiteral("error_message")).toString();
    r.serverRequestId = o.value(QStringLiteral("server_request_id")).toString();
    readServerTimings(o, true, &r);
    readWorkloadFields(o, &r);
    return r;
}
} // namespace

RequestRecord RecordJson::fromResultsJson(const QJsonObject& object, qint64 runStartNs) {
    return readResults(object, runStartNs);
}

RequestRecord RecordJson::fromResultsJson(const ResultsRecordFields& fields, qint64 runStartNs) {
    return readResults(fields, runStartNs);
}

QStringList RecordJson::resultsFields() {
    return {QStringLiteral("id"),
            QStringLiteral("level"),
            QStringLiteral("warmup"),
            QStringLiteral("t_send_ms"),
            QStringLiteral("t_end_ms"),
            QStringLiteral("queue_ms"),
            QStringLiteral("ttfb_ms"),
            QStringLiteral("ttft_ms"),
            QStringLiteral("ttfe_ms"),
            QStringLiteral("e2e_ms"),
            QStringLiteral("tpot_ms"),
            QStringLiteral("itl_ms"),
            QStringLiteral("output_tokens"),
            QStringLiteral("output_tokens_source"),
            QStringLiteral("input_tokens"),
            QStringLiteral("input_tokens_source"),
            QStringLiteral("http_status"),
            QStringLiteral("finish_reason"),
            QStringLiteral("error"),
            QStringLiteral("error_message"),
            QStringLiteral("requested_output_tokens"),
            QStringLiteral("early_stop"),
            QStringLiteral("prefix_group"),
            QStringLiteral("conversation_id"),
            QStringLiteral("turn_index"),
            QStringLiteral("source_index")};
}
