#include "results/calibrationjson.h"

#include "results/recordjson.h"

#include <QJsonArray>

namespace {
QJsonArray intArray(const QList<int>& values) {
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QList<int> intList(const QJsonValue& value) {
    QList<int> values;
    for (const QJsonValue& item : value.toArray())
        values.append(item.toInt());
    return values;
}
} // namespace

QJsonObject CalibrationJson::toResultsJson(const CalibrationInfo& info, qint64 runStartNs) {
    QJsonArray probes;
    for (const RequestRecord& record : info.probes)
        probes.append(RecordJson::toResultsJson(record, runStartNs));
    return {
        {QStringLiteral("method"), info.method},
        {QStringLiteral("overhead_tokens"), info.overheadTokens},
        {QStringLiteral("tokens_per_estimated_token"), info.tokensPerEstimatedToken},
        {QStringLiteral("probe_estimated_tokens"), intArray(info.probeEstimatedTokens)},
        {QStringLiteral("message"), info.message},
        {QStringLiteral("probes"), probes},
    };
}

CalibrationInfo CalibrationJson::fromResultsJson(const QJsonObject& object, qint64 runStartNs) {
    CalibrationInfo info;
    info.method = object.value(QStringLiteral("method")).toString();
    info.overheadTokens = object.value(QStringLiteral("overhead_tokens")).toDouble(0.0);
    info.tokensPerEstimatedToken =
        object.value(QStringLiteral("tokens_per_estimated_token")).toDouble(1.0);
    info.probeEstimatedTokens = intList(object.value(QStringLiteral("probe_estimated_tokens")));
    info.message = object.value(QStringLiteral("message")).toString();
    for (const QJsonValue& probe : object.value(QStringLiteral("probes")).toArray()) {
        if (probe.isObject())
            info.probes.append(RecordJson::fromResultsJson(probe.toObject(), runStartNs));
    }
    return info;
}

QJsonObject CalibrationJson::toJournalJson(const CalibrationInfo& info) {
    return {
        {QStringLiteral("method"), info.method},
        {QStringLiteral("overhead_tokens"), info.overheadTokens},
        {QStringLiteral("tokens_per_estimated_token"), info.tokensPerEstimatedToken},
        {QStringLiteral("probe_estimated_tokens"), intArray(info.probeEstimatedTokens)},
        {QStringLiteral("message"), info.message},
    };
}

void CalibrationJson::applyJournalJson(const QJsonObject& object, CalibrationInfo* info) {
    info->method = object.value(QStringLiteral("method")).toString();
    info->overheadTokens = object.value(QStringLiteral("overhead_tokens")).toDouble(0.0);
    info->tokensPerEstimatedToken =
        object.value(QStringLiteral("tokens_per_estimated_token")).toDouble(1.0);
    info->probeEstimatedTokens = intList(object.value(QStringLiteral("probe_estimated_tokens")));
    info->message = object.value(QStringLiteral("message")).toString();
}
