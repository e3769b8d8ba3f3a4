#include "servermetrics/servermetricstimeline.h"

namespace {
MetricKind extraKind(const ExtraMetric& extra) {
    if (extra.type == MetricType::Histogram)
        return MetricKind::Histogram;
    return extra.type == MetricType::Counter ? MetricKind::Counter : MetricKind::Gauge;
}
} // namespace

ServerMetricsTimeline::ServerMetricsTimeline(int maxPointsPerSeries)
    : m_maxPoints(maxPointsPerSeries) {}

MetricSeries& ServerMetricsTimeline::seriesFor(ServerMetric metric) {
    auto found = m_series.find(metric);
    if (found == m_series.end())
        found = m_series.emplace(metric, MetricSeries(ServerVocabulary::kind(metric), m_maxPoints))
                    .first;
    return found->second;
}

void ServerMetricsTimeline::add(qint64 tMs, const RecognizedMetrics& scrape) {
    ++m_scrapes;
    m_engine = scrape.engine;
    for (const auto& [metric, value] : scrape.values)
        seriesFor(metric).addValue(tMs, value);
    for (const auto& [metric, histogram] : scrape.histograms)
        seriesFor(metric).addHistogram(tMs, histogram);
    for (const auto& [metric, name] : scrape.sourceNames)
        m_sourceNames[metric] = name;
    for (const ExtraMetric& extra : scrape.extras) {
        if (!extra.found)
            continue;
        auto found = m_extras.find(extra.name);
        if (found == m_extras.end())
            found = m_extras.emplace(extra.name, MetricSeries(extraKind(extra), m_maxPoints)).first;
        if (found->second.kind() == MetricKind::Histogram)
            found->second.addHistogram(tMs, extra.histogram);
        else
            found->second.addValue(tMs, extra.value);
    }
}

const MetricSeries* ServerMetricsTimeline::series(ServerMetric metric) const {
    const auto found = m_series.find(metric);
    return found == m_series.end() ? nullptr : &found->second;
}

const MetricSeries* ServerMetricsTimeline::extra(const QString& name) const {
    const auto found = m_extras.find(name);
    return found == m_extras.end() ? nullptr : &found->second;
}

QList<QString> ServerMetricsTimeline::extraNames() const {
    QList<QString> names;
    for (const auto& entry : m_extras)
        names.append(entry.first);
    return names;
}

std::optional<double> ServerMetricsTimeline::mean(ServerMetric gauge, qint64 t0Ms,
                                                  qint64 t1Ms) const {
    const MetricSeries* s = series(gauge);
    return s ? s->mean(t0Ms, t1Ms) : std::nullopt;
}

std::optional<double> ServerMetricsTimeline::max(ServerMetric gauge, qint64 t0Ms,
                                                 qint64 t1Ms) const {
    const MetricSeries* s = series(gauge);
    return s ? s->max(t0Ms, t1Ms) : std::nullopt;
}

std::optional<double> ServerMetricsTimeline::ratePerSecond(ServerMetric counter, qint64 t0Ms,
                                                           qint64 t1Ms) const {
    const MetricSeries* s = series(counter);
    return s ? s->ratePerSecond(t0Ms, t1Ms) : std::nullopt;
}

std::optional<double> ServerMetricsTimeline::quantile(ServerMetric histogram, double q, qint64 t0Ms,
                                                      qint64 t1Ms) const {
    const MetricSeries* s = series(histogram);
    return s ? s->quantile(q, t0Ms, t1Ms) : std::nullopt;
}

std::optional<double> ServerMetricsTimeline::prefixHitRate(qint64 t0Ms, qint64 t1Ms) const {
    const MetricSeries* queries = series(ServerMetric::PrefixQueries);
    const MetricSeries* hits = series(ServerMetric::PrefixHits);
    if (queries && hits) {
        const std::optional<double> q = queries->increase(t0Ms, t1Ms);
        const std::optional<double> h = hits->increase(t0Ms, t1Ms);
        if (q && h && *q > 0)
            return *h / *q;
    }
    return mean(ServerMetric::PrefixHitRate, t0Ms, t1Ms);
}

ServerWindowFigures ServerMetricsTimeline::window(qint64 t0Ms, qint64 t1Ms) const {
    ServerWindowFigures f;
    f.runningMean = mean(ServerMetric::Running, t0Ms, t1Ms);
    f.runningMax = max(ServerMetric::Running, t0Ms, t1Ms);
    f.waitingMean = mean(ServerMetric::Waiting, t0Ms, t1Ms);
    f.waitingMax = max(ServerMetric::Waiting, t0Ms, t1Ms);
    f.kvUsageMean = mean(ServerMetric::KvUsage, t0Ms, t1Ms);
    f.kvUsageMax = max(ServerMetric::KvUsage, t0Ms, t1Ms);
    f.promptTokensPerSecond = ratePerSecond(ServerMetric::PromptTokens, t0Ms, t1Ms);
    f.generationTokensPerSecond = ratePerSecond(ServerMetric::GenerationTokens, t0Ms, t1Ms);
    f.preemptionsPerSecond = ratePerSecond(ServerMetric::Preemptions, t0Ms, t1Ms);
    f.prefixHitRate = prefixHitRate(t0Ms, t1Ms);
    f.ttftP50 = quantile(ServerMetric::Ttft, 0.5, t0Ms, t1Ms);
    f.ttftP99 = quantile(ServerMetric::Ttft, 0.99, t0Ms, t1Ms);
    f.tpotP50 = quantile(ServerMetric::Tpot, 0.5, t0Ms, t1Ms);
    f.tpotP99 = quantile(ServerMetric::Tpot, 0.99, t0Ms, t1Ms);
    return f;
}

qint64 ServerMetricsTimeline::approximateBytes() const {
    qint64 bytes = qint64(sizeof(*this));
    for (const auto& entry : m_series)
        bytes += entry.second.approximateBytes();
    for (const auto& entry : m_extras)
        bytes += entry.second.approximateBytes() + entry.first.size() * 2;
    return bytes;
}
