#include "results/serverjournal.h"

#include <QJsonArray>
#include <cmath>

namespace {
ServerEngine engineFromName(const QString& name) {
    for (ServerEngine engine : ServerVocabulary::engines()) {
        if (ServerVocabulary::engineName(engine) == name)
            return engine;
    }
    return ServerEngine::Unknown;
}

RecognizedMetrics metricsFromSample(const QJsonObject& line) {
    RecognizedMetrics metrics;
    metrics.engine = engineFromName(line.value(QStringLiteral("engine")).toString());
    const QJsonObject values = line.value(QStringLiteral("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        ServerMetric metric;
        if (ServerVocabulary::fromKey(it.key(), &metric) && it.value().isDouble() &&
            ServerVocabulary::kind(metric) != MetricKind::Histogram)
            metrics.values[metric] = it.value().toDouble();
    }
    const QJsonObject extras = line.value(QStringLiteral("extras")).toObject();
    for (auto it = extras.begin(); it != extras.end(); ++it) {
        const QJsonObject extra = it.value().toObject();
        ExtraMetric metric;
        metric.name = it.key();
        metric.found = extra.value(QStringLiteral("value")).isDouble();
        metric.value = extra.value(QStringLiteral("value")).toDouble();
        if (!MetricFamily::typeFromName(extra.value(QStringLiteral("type")).toString().toUtf8(),
                                        &metric.type) ||
            metric.type == MetricType::Histogram)
            metric.found = false;
        metrics.extras.append(metric);
    }
    return metrics;
}
} // namespace

QJsonObject ServerJournal::startLine(const ServerRunMetricsBuilder::Source& source) {
    return {{QStringLiteral("url"), source.url},
            {QStringLiteral("interval_ms"), source.intervalMs},
            {QStringLiteral("extra_names"), QJsonArray::fromStringList(source.extraNames)}};
}

QJsonObject ServerJournal::sampleLine(qint64 tMs, const RecognizedMetrics& metrics) {
    QJsonObject values;
    for (const auto& [metric, value] : metrics.values) {
        if (std::isfinite(value))
            values.insert(ServerVocabulary::key(metric), value);
    }
    QJsonObject extras;
    for (const ExtraMetric& extra : metrics.extras) {
        if (extra.found && extra.type != MetricType::Histogram && std::isfinite(extra.value))
            extras.insert(extra.name,
                          QJsonObject{{QStringLiteral("type"), MetricFamily::typeName(extra.type)},
                                      {QStringLiteral("value"), extra.value}});
    }
    QJsonObject line{{QStringLiteral("t_ms"), tMs},
                     {QStringLiteral("engine"), ServerVocabulary::engineName(metrics.engine)},
                     {QStringLiteral("values"), values}};
    if (!extras.isEmpty())
        line.insert(QStringLiteral("extras"), extras);
    return line;
}

QJsonObject ServerJournal::warningLine(const ServerRunMetrics::Warning& warning) {
    return {{QStringLiteral("kind"), warning.kind}, {QStringLiteral("message"), warning.message}};
}

bool ServerJournal::addLine(const QString& type, const QJsonObject& line) {
    if (type == QLatin1String("server_metrics")) {
        m_active = true;
        m_source.url = line.value(QStringLiteral("url")).toString();
        m_source.intervalMs = line.value(QStringLiteral("interval_ms")).toInt();
        m_source.extraNames.clear();
        for (const QJsonValue& name : line.value(QStringLiteral("extra_names")).toArray())
            m_source.extraNames.append(name.toString());
    } else if (type == QLatin1String("server_sample")) {
        m_active = true;
        const QJsonValue t = line.value(QStringLiteral("t_ms"));
        if (t.isDouble()) // the timeline ignores samples out of order, as the live run does
            m_timeline.add(qint64(t.toDouble()), metricsFromSample(line));
    } else if (type == QLatin1String("server_warning")) {
        m_active = true;
        const ServerRunMetrics::Warning warning{line.value(QStringLiteral("kind")).toString(),
                                                line.value(QStringLiteral("message")).toString()};
        for (const ServerRunMetrics::Warning& seen : std::as_const(m_source.warnings)) {
            if (seen.kind == warning.kind)
                return true; // a repeated journal: once per kind
        }
        m_source.warnings.append(warning);
    } else {
        return false;
    }
    return true;
}

ServerRunMetrics ServerJournal::build(const QList<LevelSummary>& levels) const {
    return ServerRunMetricsBuilder::build(m_timeline, m_source, levels);
}
