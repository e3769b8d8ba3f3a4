#pragma once

#include "servermetrics/metricseries.h"
#include "servermetrics/recognizedmetrics.h"

#include <QList>
#include <QString>
#include <map>
#include <optional>

// The server's side of a run: one MetricSeries per vocabulary entry the scrapes carried and
// per raw metric asked for, fed in scrape order with the client's timestamps (ms since run
// start, MonotonicClock). Window queries give what a level's steady window reports about the
// server (server_running_mean, server_waiting_mean, server_kv_usage_max,
// server_generation_tps, server_prefix_hit_rate...). Memory per series is bounded (see
// MetricSeries); there are at most 12 vocabulary series plus the extras asked for.
struct ServerWindowFigures {
    std::optional<double> runningMean;
    std::optional<double> runningMax;
    std::optional<double> waitingMean;
    std::optional<double> waitingMax;
    std::optional<double> kvUsageMean;
    std::optional<double> kvUsageMax;
    std::optional<double> promptTokensPerSecond;
    std::optional<double> generationTokensPerSecond;
    std::optional<double> preemptionsPerSecond;
    std::optional<double> prefixHitRate;
    std::optional<double> ttftP50, ttftP99; // seconds
    std::optional<double> tpotP50, tpotP99;
};

class ServerMetricsTimeline {
public:
    explicit ServerMetricsTimeline(int maxPointsPerSeries = MetricSeries::kDefaultMaxPoints);

    void add(qint64 tMs, const RecognizedMetrics& scrape);

    int scrapes() const { return m_scrapes; }
    ServerEngine engine() const { return m_engine; } // the last scrape's
    const MetricSeries* series(ServerMetric metric) const;
    const MetricSeries* extra(const QString& name) const;
    QList<QString> extraNames() const;
    // The metric name each vocabulary entry came from, as last seen.
    const std::map<ServerMetric, QString>& sourceNames() const { return m_sourceNames; }

    std::optional<double> mean(ServerMetric gauge, qint64 t0Ms, qint64 t1Ms) const;
    std::optional<double> max(ServerMetric gauge, qint64 t0Ms, qint64 t1Ms) const;
    std::optional<double> ratePerSecond(ServerMetric counter, qint64 t0Ms, qint64 t1Ms) const;
    std::optional<double> quantile(ServerMetric histogram, double q, qint64 t0Ms,
                                   qint64 t1Ms) const;
    // Hits over queries in the window when the server counts both, else its hit-rate gauge's
    // mean.
    std::optional<double> prefixHitRate(qint64 t0Ms, qint64 t1Ms) const;
    ServerWindowFigures window(qint64 t0Ms, qint64 t1Ms) const;

    qint64 approximateBytes() const;

private:
    MetricSeries& seriesFor(ServerMetric metric);

    int m_maxPoints;
    int m_scrapes = 0;
    ServerEngine m_engine = ServerEngine::Unknown;
    std::map<ServerMetric, MetricSeries> m_series;
    std::map<QString, MetricSeries> m_extras;
    std::map<ServerMetric, QString> m_sourceNames;
};
