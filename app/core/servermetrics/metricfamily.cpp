#include "servermetrics/metricfamily.h"

QString MetricFamily::typeName(MetricType type) {
    switch (type) {
    case MetricType::Counter:
        return QStringLiteral("counter");
    case MetricType::Gauge:
        return QStringLiteral("gauge");
    case MetricType::Histogram:
        return QStringLiteral("histogram");
    case MetricType::Summary:
        return QStringLiteral("summary");
    case MetricType::Untyped:
        break;
    }
    return QStringLiteral("untyped");
}

bool MetricFamily::typeFromName(QByteArrayView word, MetricType* type) {
    static constexpr struct {
        const char* name;
        MetricType type;
    } kTypes[] = {{"counter", MetricType::Counter},
                  {"gauge", MetricType::Gauge},
                  {"histogram", MetricType::Histogram},
                  {"summary", MetricType::Summary},
                  {"untyped", MetricType::Untyped}};
    for (const auto& entry : kTypes) {
        if (word == QByteArrayView(entry.name)) {
            *type = entry.type;
            return true;
        }
    }
    return false;
}
