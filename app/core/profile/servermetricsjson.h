#pragma once

#include "profile/servermetricsconfig.h"

#include <QJsonObject>
#include <QString>

// The endpoint's "server_metrics" object, kept apart from the rest of the profile format:
//   {"enabled": true, "url": "http://host:8001/metrics", "key": "none" | "same" |
//    "${env:NAME}", "verify_tls": true, "interval_ms": 1000, "extra": ["name", ...]}
// Every field is optional; an absent object is a disabled default. A profile without it
// reads and writes as before (the object is written only when it differs from the default).
class ServerMetricsJson {
public:
    static bool isDefault(const ServerMetricsConfig& config);
    static QJsonObject toJson(const ServerMetricsConfig& config);
    // path: where the object sits ("endpoints[0].server_metrics"), for messages.
    static bool fromJson(const QJsonObject& object, const QString& path,
                         ServerMetricsConfig* config, QString* error);
    // A Prometheus metric name: [a-zA-Z_:][a-zA-Z0-9_:]*, at most kMaxNameLength.
    static bool isMetricName(const QString& name);
};
