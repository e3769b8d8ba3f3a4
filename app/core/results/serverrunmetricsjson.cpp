#include "results/serverrunmetricsjson.h"

#include <QJsonArray>
#include <cmath>

namespace {
QJsonArray seriesToJson(const ServerRunMetrics::Series& series) {
    QJsonArray array;
    for (const ServerRunMetrics::Point& point : series)
        array.append(QJsonArray{point.tMs, point.value});
    return array;
}

// Pairs of finite numbers in time order; anything else is skipped.
ServerRunMetrics::Series seriesFromJson(const QJsonValue& value) {
    ServerRunMetrics::Series series;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array) {
        if (series.size() >= ServerRunMetricsJson::kMaxPointsPerSeries)
            break;
        const QJsonArray pair = item.toArray();
        if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
            continue;
        const double t = pair.at(0).toDouble();
        const double v = pair.at(1).toDouble();
        if (!std::isfinite(t) || !std::isfinite(v) || std::abs(t) > 1e15)
            continue;
        if (!series.isEmpty() && qint64(t) < series.constLast().tMs)
            continue;
        series.append({qint64(t), v});
    }
    return series;
}

QJsonObject seriesMapToJson(const std::map<QString, ServerRunMetrics::Series>& map) {
    QJsonObject object;
    for (const auto& [key, series] : map)
        object.insert(key, seriesToJson(series));
    return object;
}

std::map<QString, ServerRunMetrics::Series> seriesMapFromJson(const QJsonValue& value) {
    std::map<QString, ServerRunMetrics::Series> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map[it.key()] = seriesFromJson(it.value());
    return map;
}

void insertOptional(QJsonObject* object, const QString& key, const std::optional<double>& value) {
    if (value && std::isfinite(*value))
        object->insert(key, *value);
}

std::optional<double> optionalFrom(const QJsonObject& object, const QString& key) {
    const QJsonValue value = object.value(key);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}
} // namespace

QJsonObject ServerRunMetricsJson::toJson(const ServerRunMetrics& metrics) {
    QJsonArray warnings;
    for (const ServerRunMetrics::Warning& warning : metrics.warnings)
        warnings.append(QJsonObject{{QStringLiteral("kind"), warning.kind},
                                    {QStringLiteral("message"), warning.message}});
    QJsonObject sources;
    for (const auto& [key, name] : metrics.sourceNames)
        sources.insert(key, name);
    return {
        {QStringLiteral("url"), metrics.url},
        {QStringLiteral("engine"), metrics.engine},
        {QStringLiteral("interval_ms"), metrics.intervalMs},
        {QStringLiteral("scrapes"), metrics.scrapes},
        {QStringLiteral("warnings"), warnings},
        {QStringLiteral("series"), seriesMapToJson(metrics.series)},
        {QStringLiteral("source_names"), sources},
        {QStringLiteral("extra_names"), QJsonArray::fromStringList(metrics.extraNames)},
        {QStringLiteral("extra_series"), seriesMapToJson(metrics.extras)},
    };
}

ServerRunMetrics ServerRunMetricsJson::fromJson(const QJsonObject& object) {
    ServerRunMetrics metrics;
    metrics.enabled = true;
    metrics.url = object.value(QStringLiteral("url")).toString();
    metrics.engine = object.value(QStringLiteral("engine")).toString(QStringLiteral("unknown"));
    metrics.intervalMs = object.value(QStringLiteral("interval_ms")).toInt();
    metrics.scrapes = object.value(QStringLiteral("scrapes")).toInt();
    for (const QJsonValue& value : object.value(QStringLiteral("warnings")).toArray()) {
        const QJsonObject warning = value.toObject();
        metrics.warnings.append({warning.value(QStringLiteral("kind")).toString(),
                                 warning.value(QStringLiteral("message")).toString()});
    }
    metrics.series = seriesMapFromJson(object.value(QStringLiteral("series")));
    const QJsonObject sources = object.value(QStringLiteral("source_names")).toObject();
    for (auto it = sources.begin(); it != sources.end(); ++it)
        metrics.sourceNames[it.key()] = it.value().toString();
    for (const QJsonValue& name : object.value(QStringLiteral("extra_names")).toArray())
        metrics.extraNames.append(name.toString());
    metrics.extras = seriesMapFromJson(object.value(QStringLiteral("extra_series")));
    return metrics;
}

void ServerRunMetricsJson::addLevelFields(const ServerLevelFigures& figures, QJsonObject* level) {
    insertOptional(level, QStringLiteral("server_generation_tps"), figures.generationTps);
    insertOptional(level, QStringLiteral("server_prompt_tps"), figures.promptTps);
    insertOptional(level, QStringLiteral("server_running_mean"), figures.runningMean);
    insertOptional(level, QStringLiteral("server_waiting_mean"), figures.waitingMean);
    insertOptional(level, QStringLiteral("server_kv_usage_max"), figures.kvUsageMax);
    insertOptional(level, QStringLiteral("server_prefix_hit_rate"), figures.prefixHitRate);
    insertOptional(level, QStringLiteral("server_preemptions"), figures.preemptions);
    QJsonObject check{{QStringLiteral("flagged"), figures.crossCheckFlagged},
                      {QStringLiteral("note"), figures.crossCheckNote}};
    insertOptional(&check, QStringLiteral("difference"), figures.crossCheckDifference);
    level->insert(QStringLiteral("server_cross_check"), check);
}

ServerLevelFigures ServerRunMetricsJson::levelFromJson(const QJsonObject& level, int index) {
    ServerLevelFigures figures;
    figures.index = index;
    figures.generationTps = optionalFrom(level, QStringLiteral("server_generation_tps"));
    figures.promptTps = optionalFrom(level, QStringLiteral("server_prompt_tps"));
    figures.runningMean = optionalFrom(level, QStringLiteral("server_running_mean"));
    figures.waitingMean = optionalFrom(level, QStringLiteral("server_waiting_mean"));
    figures.kvUsageMax = optionalFrom(level, QStringLiteral("server_kv_usage_max"));
    figures.prefixHitRate = optionalFrom(level, QStringLiteral("server_prefix_hit_rate"));
    figures.preemptions = optionalFrom(level, QStringLiteral("server_preemptions"));
    const QJsonObject check = level.value(QStringLiteral("server_cross_check")).toObject();
    figures.crossCheckDifference = optionalFrom(check, QStringLiteral("difference"));
    figures.crossCheckFlagged = check.value(QStringLiteral("flagged")).toBool();
    figures.crossCheckNote = check.value(QStringLiteral("note")).toString();
    return figures;
}
