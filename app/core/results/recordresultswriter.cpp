#include "results/recordresultswriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <charconv>
#include <cmath>
#include <string>

namespace {
// Any JSON value as Qt writes it: the slow path, for what the fast paths below do not cover.
void appendQtValue(const QJsonValue& value, std::string* out) {
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out->append(wrapped.constData() + 1, std::size_t(wrapped.size() - 2));
}

// The separator (unless the key is the object's first) and the key.
void appendKey(const char* key, std::string* out) {
    if (out->back() != '{')
        *out += ',';
    *out += '"';
    out->append(key);
    out->append("\":");
}

void appendInteger(qint64 value, std::string* out) {
    char digits[24];
    char* end = digits + sizeof(digits);
    char* p = end;
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        *--p = '-';
    out->append(p, std::size_t(end - p));
}

// Qt's JSON writer prints a whole double as an integer (4e12 as 4000000000000), another
// finite one as QByteArray::number(d, 'g', shortest), a non-finite one as null. The shortest
// round-trip text of std::to_chars is the same text (tst_recordresultswriter compares them
// over a range of magnitudes); values beyond 2^53 go through Qt itself.
void appendDouble(double value, std::string* out) {
    if (!std::isfinite(value)) {
        out->append("null");
        return;
    }
    if (std::fabs(value) >= 9007199254740992.0) {
        appendQtValue(QJsonValue(value), out);
        return;
    }
    if (value == std::trunc(value)) {
        appendInteger(qint64(value), out);
        return;
    }
    char text[32];
    const std::to_chars_result end = std::to_chars(text, text + sizeof(text), value);
    out->append(text, std::size_t(end.ptr - text));
}

void appendMs(double ms, std::string* out) {
    appendDouble(ms, out); // NaN (undefined) is null, as JsonTime::msOrNull writes it
}

void appendOffsetMs(qint64 ns, qint64 originNs, std::string* out) {
    if (ns < 0)
        out->append("null");
    else
        appendDouble(double(ns - originNs) / 1e6, out);
}

// Printable ASCII without quote or backslash is written as is (the common case: error
// classes, finish reasons, token sources); anything else is escaped by Qt.
void appendString(const QString& text, std::string* out) {
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7e || u == u'"' || u == u'\\') {
            appendQtValue(QJsonValue(text), out);
            return;
        }
    }
    *out += '"';
    for (const QChar c : text)
        *out += char(c.unicode());
    *out += '"';
}

void appendBool(bool value, std::string* out) {
    out->append(value ? "true" : "false");
}

void appendItl(const RequestRecord& r, std::string* out) {
    *out += '[';
    const QList<double> gaps = r.itlMs();
    for (qsizetype i = 0; i < gaps.size(); ++i) {
        if (i > 0)
            *out += ',';
        appendDouble(gaps.at(i), out);
    }
    *out += ']';
}
// QJsonObject keeps its keys sorted: the fields in that order, up to itl_ms.
void appendFieldsToItl(const RequestRecord& r, std::string* out) {
    appendKey("conversation_id", out);
    appendInteger(r.conversationId, out);
    appendKey("e2e_ms", out);
    appendMs(r.e2eMs(), out);
    appendKey("early_stop", out);
    appendBool(r.earlyStop, out);
    if (r.embeddingInputs > 0) { // openai-embeddings only, as RecordJson writes it
        appendKey("embedding_inputs", out);
        appendInteger(r.embeddingInputs, out);
    }
    appendKey("error", out);
    appendString(r.error, out);
    appendKey("error_message", out);
    appendString(r.errorMessage, out);
    appendKey("finish_reason", out);
    appendString(r.finishReason, out);
    appendKey("http_status", out);
    appendInteger(r.httpStatus, out);
    appendKey("id", out);
    appendInteger(qint64(r.id), out);
    appendKey("input_tokens", out);
    appendInteger(r.inputTokens, out);
    appendKey("input_tokens_source", out);
    appendString(tokenSourceName(r.inputTokensSource), out);
    appendKey("itl_ms", out);
    appendItl(r, out);
}

void appendServerTiming(const char* key, qint64 ns, std::string* out) {
    if (ns < 0)
        return; // not reported: no key
    appendKey(key, out);
    appendDouble(double(ns) / 1e6, out);
}

// The fields after itl_ms, in sorted order.
void appendFieldsAfterItl(const RequestRecord& r, qint64 runStartNs, std::string* out) {
    appendKey("level", out);
    appendInteger(r.level, out);
    appendKey("output_tokens", out);
    appendInteger(r.outputTokens, out);
    appendKey("output_tokens_source", out);
    appendString(tokenSourceName(r.outputTokensSource), out);
    appendKey("prefix_group", out);
    appendInteger(r.prefixGroup, out);
    appendKey("queue_ms", out);
    appendMs(r.queueMs(), out);
    appendKey("requested_output_tokens", out);
    appendInteger(r.requestedOutputTokens, out);
    // The server's own timings (issue 14), only those it reported, in their sorted places.
    appendServerTiming("server_eval_ms", r.serverEvalNs, out);
    appendServerTiming("server_load_ms", r.serverLoadNs, out);
    appendServerTiming("server_prompt_eval_ms", r.serverPromptEvalNs, out);
    if (!r.serverRequestId.isEmpty()) {
        appendKey("server_request_id", out);
        appendString(r.serverRequestId, out);
    }
    appendServerTiming("server_total_ms", r.serverTotalNs, out);
    appendKey("source_index", out);
    appendInteger(r.sourceIndex, out);
    appendKey("t_end_ms", out);
    appendOffsetMs(r.tEndNs, runStartNs, out);
    appendKey("t_send_ms", out);
    appendOffsetMs(r.tSendNs, runStartNs, out);
    appendKey("tpot_ms", out);
    appendMs(r.tpotMs(), out);
    appendKey("ttfb_ms", out);
    appendMs(r.ttfbMs(), out);
    appendKey("ttfe_ms", out);
    appendMs(r.ttfeMs(), out);
    appendKey("ttft_ms", out);
    appendMs(r.ttftMs(), out);
    appendKey("turn_index", out);
    appendInteger(r.turnIndex, out);
    appendKey("warmup", out);
    appendBool(r.warmup, out);
}
} // namespace

void RecordResultsWriter::append(const RequestRecord& record, qint64 runStartNs, QByteArray* out) {
    // One record's text is built in a std::string (inline appends) and handed over in one
    // append: QByteArray's small appends cost more than the formatting (perf).
    thread_local std::string line;
    line.assign(1, '{');
    appendFieldsToItl(record, &line);
    appendFieldsAfterItl(record, runStartNs, &line);
    line += '}';
    out->append(line.data(), qsizetype(line.size()));
}

QByteArray RecordResultsWriter::number(double value) {
    std::string text = "{"; // appendDouble's callers always follow a key
    appendDouble(value, &text);
    return QByteArray(text.data() + 1, qsizetype(text.size() - 1));
}
