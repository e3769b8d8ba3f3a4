#include "results/csvexporter.h"

#include "common/outputfile.h"
#include "metrics/levelcost.h"
#include <QLocale>
#include <cmath>

namespace {
QString number(double value) {
    if (!std::isfinite(value))
        return {};
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

QString offsetMs(qint64 ns, qint64 originNs) {
    return ns < 0 ? QString() : number(double(ns - originNs) / 1e6);
}

QString durationMs(qint64 ns) {
    return ns < 0 ? QString() : number(double(ns) / 1e6);
}

// Server-supplied text (error messages, finish reasons) opened in a spreadsheet must not
// run as a formula: a leading = + - @ gets a ' in front (the OWASP advice for CSV).
QString inertText(const QString& text) {
    static const QString triggers = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && triggers.contains(text.front()))
        return QLatin1Char('\'') + text;
    return text;
}

const LevelRunInfo* levelInfo(const RunResult& result, int index) {
    for (const LevelRunInfo& info : result.levels) {
        if (info.index == index)
            return &info;
    }
    return nullptr;
}
} // namespace

QStringList CsvExporter::columns() {
    // After itl_ms (issue 14): the request's cost at the endpoint's per-token price
    // (METRICS.md "Cost"), empty otherwise; the server's own timings (Ollama), empty when it
    // did not report them. Then (issue 14) an embeddings request's inputs and its level's
    // batch size, empty for other flavors.
    return {QStringLiteral("id"),
            QStringLiteral("level"),
            QStringLiteral("concurrency"),
            QStringLiteral("rate"),
            QStringLiteral("warmup"),
            QStringLiteral("t_send_ms"),
            QStringLiteral("t_end_ms"),
            QStringLiteral("queue_ms"),
            QStringLiteral("ttfb_ms"),
            QStringLiteral("ttft_ms"),
            QStringLiteral("ttfe_ms"),
            QStringLiteral("e2e_ms"),
            QStringLiteral("tpot_ms"),
            QStringLiteral("content_events"),
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
            QStringLiteral("source_index"),
            QStringLiteral("itl_ms"),
            QStringLiteral("cost"),
            QStringLiteral("cost_currency"),
            QStringLiteral("server_prompt_eval_ms"),
            QStringLiteral("server_eval_ms"),
            QStringLiteral("server_total_ms"),
            QStringLiteral("server_load_ms"),
            QStringLiteral("embedding_inputs"),
            QStringLiteral("batch_size")};
}

QString CsvExporter::quoteField(const QString& field) {
    const bool needsQuotes = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
                             field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'));
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray CsvExporter::toCsv(const RunResult& result) {
    QByteArray bytes;
    writeTo(result, [&bytes](const QByteArray& piece) {
        bytes += piece;
        return true;
    });
    return bytes;
}

bool CsvExporter::writeTo(const RunResult& result, const Sink& sink) {
    constexpr qsizetype kFlushChars = 1 << 19;
    const QString crlf = QStringLiteral("\r\n");
    QString out = columns().join(QLatin1Char(',')) + crlf;
    const EndpointPrice& price = result.profile.endpoint().price;
    for (const RequestRecord& r : result.records) {
        const LevelRunInfo* info = levelInfo(result, r.level);
        // A failed request's billed tokens are unknown: no cost rather than a guess.
        const double cost =
            r.ok() ? LevelCost::ofRequest(price, r.inputTokens, r.outputTokens) : LevelCost::nan;
        QStringList itl;
        for (double gap : r.itlMs())
            itl.append(number(gap));
        const QStringList row = {
            QString::number(r.id),
            QString::number(r.level),
            info ? QString::number(info->concurrency) : QString(),
            info && info->isRate ? number(info->rate) : QString(),
            r.warmup ? QStringLiteral("true") : QStringLiteral("false"),
            offsetMs(r.tSendNs, result.runStartNs),
            offsetMs(r.tEndNs, result.runStartNs),
            number(r.queueMs()),
            number(r.ttfbMs()),
            number(r.ttftMs()),
            number(r.ttfeMs()),
            number(r.e2eMs()),
            number(r.tpotMs()),
            QString::number(r.contentEventNs.size()),
            QString::number(r.outputTokens),
            tokenSourceName(r.outputTokensSource),
            QString::number(r.inputTokens),
            tokenSourceName(r.inputTokensSource),
            r.httpStatus > 0 ? QString::number(r.httpStatus) : QString(),
            inertText(r.finishReason),
            r.error,
            inertText(r.errorMessage),
            r.requestedOutputTokens >= 0 ? QString::number(r.requestedOutputTokens) : QString(),
            r.earlyStop ? QStringLiteral("true") : QStringLiteral("false"),
            r.prefixGroup >= 0 ? QString::number(r.prefixGroup) : QString(),
            r.conversationId >= 0 ? QString::number(r.conversationId) : QString(),
            r.turnIndex >= 0 ? QString::number(r.turnIndex) : QString(),
            r.sourceIndex >= 0 ? QString::number(r.sourceIndex) : QString(),
            itl.join(QLatin1Char(' ')),
            std::isfinite(cost) ? number(cost) : QString(),
            std::isfinite(cost) ? price.currency : QString(),
            durationMs(r.serverPromptEvalNs),
            durationMs(r.serverEvalNs),
            durationMs(r.serverTotalNs),
            durationMs(r.serverLoadNs),
            r.embeddingInputs > 0 ? QString::number(r.embeddingInputs) : QString(),
            info && info->batchSize > 0 ? QString::number(info->batchSize) : QString(),
        };
        QStringList quoted;
        quoted.reserve(row.size());
        for (const QString& field : row)
            quoted.append(quoteField(field));
        out += quoted.join(QLatin1Char(',')) + crlf;
        if (out.size() >= kFlushChars) { // a long run's rows never all in memory (issue 17)
            if (!sink(out.toUtf8()))
                return false;
            out.resize(0); // keeps the block: regrowing it each time cost more (issue 17)
        }
    }
    return sink(out.toUtf8());
}

bool CsvExporter::save(const RunResult& result, const QString& path, QString* error) {
    return OutputFile::writeWith(
        path,
        [&result](int fd) {
            return writeTo(
                result, [fd](const QByteArray& piece) { return OutputFile::writeAll(fd, piece); });
        },
        error);
}
