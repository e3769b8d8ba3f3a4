#pragma once

#include <QList>
#include <QMap>
#include <QString>

// One metric family of a Prometheus text exposition (format 0.0.4): its name, the type its
// "# TYPE" line gave (untyped without one), its "# HELP" text and its samples. A histogram's
// _bucket/_sum/_count samples and a summary's quantiles/_sum/_count belong to one family named
// after the base; a counter typed "foo" collects "foo_total" samples too (OpenMetrics style).
enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };

struct MetricSample {
    QString name; // as written: "x_bucket", "x_sum", "x_count", "x_total", "x"
    QMap<QString, QString> labels;
    double value = 0.0;
    qint64 timestampMs = 0; // only when hasTimestamp: the exposition's own, never ours
    bool hasTimestamp = false;
};

struct MetricFamily {
    QString name;
    MetricType type = MetricType::Untyped;
    QString help;
    QList<MetricSample> samples;

    // "counter", "gauge", "histogram", "summary", "untyped".
    static QString typeName(MetricType type);
    // The inverse for a "# TYPE" word; false for anything else.
    static bool typeFromName(QByteArrayView word, MetricType* type);
};
