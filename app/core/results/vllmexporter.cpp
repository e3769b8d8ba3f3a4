#include "results/vllmexporter.h"

#include "common/outputfile.h"
#include "metrics/budgetevaluator.h"
#include "metrics/latencystats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace {
// vLLM writes 0 where a statistic has no samples (np.mean(x or 0)); scripts doing
// arithmetic on the file expect a number, so do the same.
double orZero(double value) {
    return std::isfinite(value) ? value : 0.0;
}

void addStats(QJsonObject* out, const QString& metric, const QList<double>& samplesMs) {
    const LatencyStats stats = LatencyStats::compute(samplesMs);
    out->insert(QStringLiteral("mean_") + metric + QStringLiteral("_ms"), orZero(stats.mean));
    out->insert(QStringLiteral("median_") + metric + QStringLiteral("_ms"), orZero(stats.p50));
    out->insert(QStringLiteral("std_") + metric + QStringLiteral("_ms"), orZero(stats.std));
    // vLLM names a percentile p<N>_<metric>_ms (--metric-percentiles, default 99).
    const std::pair<const char*, double> percentiles[] = {
        {"p50_", stats.p50}, {"p90_", stats.p90}, {"p95_", stats.p95}, {"p99_", stats.p99}};
    for (const auto& [prefix, value] : percentiles)
        out->insert(QLatin1String(prefix) + metric + QStringLiteral("_ms"), orZero(value));
}
} // namespace

QJsonObject VllmExporter::levelToJson(const RunResult& result, int levelIndex) {
    const LevelSummary& level = result.summary.levels.at(levelIndex);
    const EndpointConfig& endpoint = result.profile.endpoint();

    // vLLM's lists are per request, in order, over the measured requests (its warm-up is
    // not in the result either); statistics over successful ones only.
    QJsonArray inputLens, outputLens, ttfts, itls, texts, errors;
    QList<double> ttftMs, tpotMs, itlMs, e2eMs;
    qint64 totalInput = 0;
    qint64 totalOutput = 0;
    int completed = 0;
    int failed = 0;
    int good = 0;
    for (const RequestRecord& r : result.records) {
        if (r.level != level.index || r.warmup)
            continue;
        inputLens.append(r.inputTokens);
        texts.append(QString()); // Plateau does not keep generated text
        errors.append(r.error.isEmpty() ? QString()
                                        : r.error + QStringLiteral(": ") + r.errorMessage);
        QJsonArray gapsS;
        if (!r.ok()) {
            ++failed;
            outputLens.append(0);
            ttfts.append(0.0); // vLLM leaves a failed request's ttft at 0.0
            itls.append(gapsS);
            continue;
        }
        ++completed;
        if (!result.profile.budget.isEmpty() &&
            BudgetEvaluator::requestMeets(r, result.profile.budget))
            ++good;
        totalInput += r.inputTokens;
        totalOutput += r.outputTokens;
        outputLens.append(r.outputTokens);
        ttfts.append(orZero(r.ttftMs()) / 1000.0);
        const QList<double> gaps = r.itlMs();
        for (double gap : gaps)
            gapsS.append(gap / 1000.0);
        itls.append(gapsS);
        itlMs += gaps;
        ttftMs.append(r.ttftMs());
        tpotMs.append(r.tpotMs()); // NaN (ignored) unless output_tokens > 1, as in vLLM
        e2eMs.append(r.e2eMs());
    }

    const double duration = orZero(level.wallSeconds);
    auto perSecond = [duration](double amount) { return duration > 0 ? amount / duration : 0.0; };
    const bool closedLoop = !level.isRate;
    QJsonObject out{
        {QStringLiteral("date"), result.startedAt.toString(QStringLiteral("yyyyMMdd-HHmmss"))},
        {QStringLiteral("backend"), endpoint.flavor},
        {QStringLiteral("model_id"), endpoint.model},
        {QStringLiteral("tokenizer_id"), endpoint.model},
        {QStringLiteral("num_prompts"), completed + failed},
        // vLLM writes "inf" for "send everything at once", which is what a closed loop does.
        {QStringLiteral("request_rate"),
         closedLoop ? QJsonValue(QStringLiteral("inf")) : QJsonValue(level.rate)},
        {QStringLiteral("burstiness"), result.profile.plan.burstiness},
        {QStringLiteral("max_concurrency"),
         level.concurrency > 0 ? QJsonValue(level.concurrency) : QJsonValue()},
        {QStringLiteral("duration"), duration},
        {QStringLiteral("completed"), completed},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("total_input_tokens"), totalInput},
        {QStringLiteral("total_output_tokens"), totalOutput},
        {QStringLiteral("request_throughput"), perSecond(completed)},
        {QStringLiteral("request_goodput"),
         result.profile.budget.isEmpty() ? QJsonValue() : QJsonValue(perSecond(good))},
        // == Plateau's output_throughput_total_tps: all output tokens / level wall time.
        {QStringLiteral("output_throughput"), perSecond(double(totalOutput))},
        {QStringLiteral("total_token_throughput"), perSecond(double(totalInput + totalOutput))},
        {QStringLiteral("input_lens"), inputLens},
        {QStringLiteral("output_lens"), outputLens},
        {QStringLiteral("ttfts"), ttfts},
        {QStringLiteral("itls"), itls},
        {QStringLiteral("generated_texts"), texts},
        {QStringLiteral("errors"), errors},
        // Plateau's own figures alongside, under names vLLM does not use.
        {QStringLiteral("plateau_level"), level.label()},
        {QStringLiteral("plateau_output_throughput_tps"), orZero(level.outputThroughputTps)},
        {QStringLiteral("plateau_complete"), level.complete},
    };
    addStats(&out, QStringLiteral("ttft"), ttftMs);
    addStats(&out, QStringLiteral("tpot"), tpotMs);
    addStats(&out, QStringLiteral("itl"), itlMs);
    addStats(&out, QStringLiteral("e2el"), e2eMs);
    return out;
}

QJsonObject VllmExporter::toJson(const RunResult& result) {
    QJsonArray levels;
    for (int i = 0; i < result.summary.levels.size(); ++i)
        levels.append(levelToJson(result, i));
    return {{QStringLiteral("plateau_export"), QStringLiteral("vllm-bench-serve")},
            {QStringLiteral("tool_version"), result.toolVersion},
            {QStringLiteral("levels"), levels}};
}

QByteArray VllmExporter::toBytes(const RunResult& result) {
    return QJsonDocument(toJson(result)).toJson(QJsonDocument::Compact);
}

bool VllmExporter::save(const RunResult& result, const QString& path, QString* error) {
    return OutputFile::write(path, toBytes(result), error);
}
