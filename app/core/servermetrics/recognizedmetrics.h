#pragma once

#include "servermetrics/metricfamily.h"
#include "servermetrics/serverhistogram.h"
#include "servermetrics/servervocabulary.h"

#include <QList>
#include <QString>
#include <map>

// One scrape in the vocabulary's terms: which engine it looked like, each vocabulary entry
// found (gauges and counters as one number, histograms as buckets) with the metric name it came
// from, and the raw metrics the user asked for by name.
struct ExtraMetric {
    QString name;
    bool found = false;
    MetricType type = MetricType::Untyped; // counters become rates, the rest are sampled
    double value = 0.0;                    // non-histograms: summed over label sets
    ServerHistogram histogram;             // histograms
};

struct RecognizedMetrics {
    ServerEngine engine = ServerEngine::Unknown;
    std::map<ServerMetric, double> values;              // gauges and counters
    std::map<ServerMetric, ServerHistogram> histograms; // histograms
    std::map<ServerMetric, QString> sourceNames;        // the engine's name for each entry
    QList<ExtraMetric> extras;                          // in the order asked

    bool has(ServerMetric metric) const {
        return values.count(metric) != 0 || histograms.count(metric) != 0;
    }
    double value(ServerMetric metric, double fallback = 0.0) const {
        const auto found = values.find(metric);
        return found == values.end() ? fallback : found->second;
    }
};
