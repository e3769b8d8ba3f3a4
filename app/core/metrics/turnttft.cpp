#include "metrics/turnttft.h"

#include "metrics/latencystats.h"

#include <QJsonObject>
#include <QMap>
#include <algorithm>
#include <cmath>

namespace {
constexpr int kMaxTurnRows = 100'000; // a reader's cap: a turn index is bounded by the profile

QJsonValue numberOrNull(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

double numberOrNaN(const QJsonValue& v) {
    return v.isDouble() ? v.toDouble() : TurnTtft::nan;
}

struct TurnSamples {
    QList<double> ttft;
    double inputTokens = 0.0;
};
} // namespace

QList<TurnTtft> TurnTtft::byTurn(const RecordStore& records) {
    QMap<int, TurnSamples> turns;
    for (const RequestRecord& r : records) {
        if (r.warmup || !r.ok() || r.conversationId < 0 || r.turnIndex < 0)
            continue;
        TurnSamples& samples = turns[r.turnIndex];
        samples.ttft.append(r.ttftMs());
        samples.inputTokens += r.inputTokens;
    }
    QList<TurnTtft> rows;
    for (auto it = turns.cbegin(); it != turns.cend(); ++it) {
        const LatencyStats stats = LatencyStats::compute(it.value().ttft);
        TurnTtft row;
        row.turn = it.key();
        row.requests = int(it.value().ttft.size());
        row.ttftP50Ms = stats.p50;
        row.ttftP90Ms = stats.p90;
        row.ttftP99Ms = stats.p99;
        row.inputTokensMean = it.value().inputTokens / double(row.requests);
        rows.append(row);
    }
    return rows;
}

QJsonArray TurnTtft::toJson(const QList<TurnTtft>& rows) {
    QJsonArray array;
    for (const TurnTtft& row : rows) {
        array.append(QJsonObject{
            {QStringLiteral("turn"), row.turn},
            {QStringLiteral("requests"), row.requests},
            {QStringLiteral("ttft_p50_ms"), numberOrNull(row.ttftP50Ms)},
            {QStringLiteral("ttft_p90_ms"), numberOrNull(row.ttftP90Ms)},
            {QStringLiteral("ttft_p99_ms"), numberOrNull(row.ttftP99Ms)},
            {QStringLiteral("input_tokens_mean"), numberOrNull(row.inputTokensMean)},
        });
    }
    return array;
}

QList<TurnTtft> TurnTtft::fromJson(const QJsonArray& array) {
    QList<TurnTtft> rows;
    for (const QJsonValue& value : array) {
        if (!value.isObject() || rows.size() >= kMaxTurnRows)
            continue;
        const QJsonObject o = value.toObject();
        TurnTtft row;
        row.turn = std::max(0, o.value(QStringLiteral("turn")).toInt());
        row.requests = std::max(0, o.value(QStringLiteral("requests")).toInt());
        row.ttftP50Ms = numberOrNaN(o.value(QStringLiteral("ttft_p50_ms")));
        row.ttftP90Ms = numberOrNaN(o.value(QStringLiteral("ttft_p90_ms")));
        row.ttftP99Ms = numberOrNaN(o.value(QStringLiteral("ttft_p99_ms")));
        row.inputTokensMean = numberOrNaN(o.value(QStringLiteral("input_tokens_mean")));
        rows.append(row);
    }
    return rows;
}
