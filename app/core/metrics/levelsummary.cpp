#include "metrics/levelsummary.h"

#include "metrics/latencyvalues.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QJsonValue numberOrNull(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

double numberOrNaN(const QJsonValue& v) {
    return v.isDouble() ? v.toDouble() : LevelSummary::nan;
}

// The latency distributions in JSON order, each with its snake_case key.
struct LatencyField {
    LatencyMetric metric;
    QLatin1String key;
    LatencyStats LevelSummary::*member;
};
constexpr LatencyField kLatencyFields[] = {
    {LatencyMetric::Ttft, QLatin1String("ttft_ms"), &LevelSummary::ttftMs},
    {LatencyMetric::Tpot, QLatin1String("tpot_ms"), &LevelSummary::tpotMs},
    {LatencyMetric::E2e, QLatin1String("e2e_ms"), &LevelSummary::e2eMs},
    {LatencyMetric::Itl, QLatin1String("itl_ms"), &LevelSummary::itlMs},
    {LatencyMetric::Queue, QLatin1String("queue_ms"), &LevelSummary::queueMs},
    {LatencyMetric::Ttfb, QLatin1String("ttfb_ms"), &LevelSummary::ttfbMs},
    {LatencyMetric::Ttfe, QLatin1String("ttfe_ms"), &LevelSummary::ttfeMs},
};

// The plain numbers, so toJson and fromJson cannot drift apart.
struct NumberField {
    QLatin1String key;
    double LevelSummary::*member;
};
constexpr NumberField kNumberFields[] = {
    {QLatin1String("window_start_ms"), &LevelSummary::windowStartMs},
    {QLatin1String("window_end_ms"), &LevelSummary::windowEndMs},
    {QLatin1String("window_s"), &LevelSummary::windowSeconds},
    {QLatin1String("wall_s"), &LevelSummary::wallSeconds},
    {QLatin1String("output_throughput_tps"), &LevelSummary::outputThroughputTps},
    {QLatin1String("output_throughput_total_tps"), &LevelSummary::outputThroughputTotalTps},
    {QLatin1String("request_throughput_rps"), &LevelSummary::requestThroughputRps},
    {QLatin1String("input_throughput_tps"), &LevelSummary::inputThroughputTps},
    {QLatin1String("achieved_concurrency"), &LevelSummary::achievedConcurrency},
    {QLatin1String("goodput_rps"), &LevelSummary::goodputRps},
    {QLatin1String("client_cpu_s"), &LevelSummary::clientCpuSeconds},
    {QLatin1String("event_loop_lag_p99_ms"), &LevelSummary::eventLoopLagP99Ms},
    {QLatin1String("max_queue_ms"), &LevelSummary::maxQueueMs},
    {QLatin1String("little_law_concurrency"), &LevelSummary::littleLawConcurrency},
};

// Rates print without trailing zeros: 5 -> "5", 2.5 -> "2.5"; a trace's level runs at the
// trace's own mean rate (44.87331...), which four figures name well enough.
QString rateText(double rate) {
    return QString::number(rate, 'g', 4);
}
} // namespace

QString LevelSummary::label() const {
    if (!isRate)
        return u"c="_s + QString::number(concurrency);
    QString text = rateText(rate) + u" rps"_s;
    if (concurrency > 0)
        text += u" (cap "_s + QString::number(concurrency) + u')';
    return text;
}

QString LevelSummary::inconclusiveReason() const {
    if (requests > 0 && successes <= 0) {
        // Most frequent class first: "http_429 ×54, reset ×6".
        QList<std::pair<int, QString>> byCount;
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            byCount.append({it.value(), it.key()});
        std::stable_sort(byCount.begin(), byCount.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        QStringList kinds;
        for (const auto& [count, kind] : byCount)
            kinds << kind + u" ×"_s + QString::number(count);
        return kinds.isEmpty() ? u"every request failed"_s
                               : u"every request failed ("_s + kinds.join(u", "_s) + u')';
    }
    if (!std::isfinite(outputThroughputTps))
        return requests > 0 ? u"no throughput measured"_s : u"no measured request"_s;
    if (targetUnreachable == QLatin1String("plan")) {
        return u"only %1 requests for %2 workers, never %2 in flight"_s
            .arg(requests + warmupRequests)
            .arg(concurrency);
    }
    if (!targetUnreachable.isEmpty())
        return u"never %1 in flight (at most %2)"_s.arg(concurrency).arg(maxInFlight);
    return {};
}

const LatencyStats* LevelSummary::latency(const QString& metric) const {
    if (const std::optional<LatencyMetric> m = LatencyNames::metricFromKey(metric))
        return &LatencyValues::of(*this, *m);
    for (const LatencyField& f : kLatencyFields) {
        if (metric == f.key)
            return &LatencyValues::of(*this, f.metric);
    }
    return nullptr;
}

QJsonObject LevelSummary::toJson() const {
    QJsonObject o;
    o.insert(u"index"_s, index);
    // A closed-loop level is named by its concurrency, an open-loop one by its rate; the
    // rate's optional cap gets its own key so "concurrency" never means two things.
    if (isRate) {
        o.insert(u"rate"_s, rate);
        o.insert(u"max_concurrency"_s, concurrency);
    } else {
        o.insert(u"concurrency"_s, concurrency);
    }
    o.insert(u"complete"_s, complete);
    o.insert(u"requests"_s, requests);
    o.insert(u"successes"_s, successes);
    o.insert(u"warmup_requests"_s, warmupRequests);
    o.insert(u"early_stops"_s, earlyStops);
    QJsonObject errorObject;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        errorObject.insert(it.key(), it.value());
    o.insert(u"errors"_s, errorObject);
    for (const NumberField& f : kNumberFields)
        o.insert(f.key, numberOrNull(this->*f.member));
    if (outputThroughputCi.ok()) {
        o.insert(u"output_throughput_tps_ci95"_s, outputThroughputCi.toJson());
        o.insert(u"output_throughput_tps_ci_df"_s,
                 numberOrNull(outputThroughputCi.degreesOfFreedom));
    }
    o.insert(u"output_tokens"_s, outputTokens);
    o.insert(u"input_tokens"_s, inputTokens);
    if (embeddings) { // absent for generation levels, as in older files
        o.insert(u"embeddings"_s, true);
        o.insert(u"embedding_inputs"_s, embeddingInputs);
        o.insert(u"inputs_per_s"_s, numberOrNull(inputsPerSecond));
    }
    if (batchSize > 0) // issue 14: a batch-size sweep's curves are told apart by it
        o.insert(u"batch_size"_s, batchSize);
    for (const LatencyField& f : kLatencyFields)
        o.insert(f.key, (this->*f.member).toJson());
    if (!ttftByTurn.isEmpty() || conversationsStarted > 0) {
        o.insert(u"ttft_by_turn"_s, TurnTtft::toJson(ttftByTurn));
        o.insert(u"conversations_started"_s, conversationsStarted);
        o.insert(u"conversations_completed"_s, conversationsCompleted);
    }
    o.insert(u"max_in_flight"_s, maxInFlight);
    if (!windowNote.isEmpty())
        o.insert(u"window_note"_s, windowNote);
    if (!throughputSource.isEmpty())
        o.insert(u"throughput_source"_s, throughputSource);
    if (!throughputNote.isEmpty())
        o.insert(u"throughput_note"_s, throughputNote);
    if (!targetUnreachable.isEmpty())
        o.insert(u"target_unreachable"_s, targetUnreachable);
    o.insert(u"client_bound"_s, clientBound);
    o.insert(u"client_bound_reason"_s, clientBoundReason);
    o.insert(u"little_law_mismatch"_s, littleLawMismatch);
    o.insert(u"within_budget"_s, withinBudget);
    return o;
}

LevelSummary LevelSummary::fromJson(const QJsonObject& o) {
    LevelSummary s;
    s.index = o.value(u"index"_s).toInt(-1);
    s.isRate = o.contains(u"rate"_s);
    if (s.isRate) {
        s.rate = o.value(u"rate"_s).toDouble();
        s.concurrency = o.value(u"max_concurrency"_s).toInt();
    } else {
        s.concurrency = o.value(u"concurrency"_s).toInt();
    }
    s.complete = o.value(u"complete"_s).toBool();
    s.requests = o.value(u"requests"_s).toInt();
    s.successes = o.value(u"successes"_s).toInt();
    s.warmupRequests = o.value(u"warmup_requests"_s).toInt();
    s.earlyStops = o.value(u"early_stops"_s).toInt(); // absent in older files: 0
    const QJsonObject errorObject = o.value(u"errors"_s).toObject();
    for (auto it = errorObject.constBegin(); it != errorObject.constEnd(); ++it)
        s.errors.insert(it.key(), it.value().toInt());
    for (const NumberField& f : kNumberFields)
        s.*f.member = numberOrNaN(o.value(f.key));
    s.outputThroughputCi = FigureInterval::fromJson(o.value(u"output_throughput_tps_ci95"_s));
    const double df = numberOrNaN(o.value(u"output_throughput_tps_ci_df"_s));
    if (s.outputThroughputCi.ok() && df >= 1.0 && df <= 1e6)
        s.outputThroughputCi.degreesOfFreedom = df;
    s.outputTokens = o.value(u"output_tokens"_s).toInteger();
    s.inputTokens = o.value(u"input_tokens"_s).toInteger();
    s.embeddings = o.value(u"embeddings"_s).toBool(false);
    s.embeddingInputs = std::max<qint64>(0, o.value(u"embedding_inputs"_s).toInteger());
    s.inputsPerSecond = numberOrNaN(o.value(u"inputs_per_s"_s));
    s.batchSize = std::clamp(o.value(u"batch_size"_s).toInt(0), 0, 1000000);
    for (const LatencyField& f : kLatencyFields)
        s.*f.member = LatencyStats::fromJson(o.value(f.key).toObject());
    // Absent in files without conversations (and older ones): no rows, no conversations.
    s.ttftByTurn = TurnTtft::fromJson(o.value(u"ttft_by_turn"_s).toArray());
    s.conversationsStarted = std::max(0, o.value(u"conversations_started"_s).toInt());
    s.conversationsCompleted = std::max(0, o.value(u"conversations_completed"_s).toInt());
    s.maxInFlight = o.value(u"max_in_flight"_s).toInt();
    s.windowNote = o.value(u"window_note"_s).toString();
    s.throughputSource = o.value(u"throughput_source"_s).toString();
    s.throughputNote = o.value(u"throughput_note"_s).toString();
    s.targetUnreachable = o.value(u"target_unreachable"_s).toString();
    s.clientBound = o.value(u"client_bound"_s).toBool();
    s.clientBoundReason = o.value(u"client_bound_reason"_s).toString();
    s.littleLawMismatch = o.value(u"little_law_mismatch"_s).toBool();
    s.withinBudget = o.value(u"within_budget"_s).toBool();
    return s;
}

QString LevelSummary::earlyStopWarning() const {
    if (earlyStopShare() <= kEarlyStopWarnShare)
        return {};
    return u"%1 of %2 answers (%3%) ended before the output length they asked for; this "
           u"level's tokens/s is not that of the requested workload"_s.arg(earlyStops)
               .arg(successes)
               .arg(QString::number(100.0 * earlyStopShare(), 'f', 0));
}
