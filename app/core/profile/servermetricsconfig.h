#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Per endpoint: whether and how to scrape the server's own Prometheus metrics during a run
// (issue 12). Never holds a secret: keyRef names where the key lives.
struct ServerMetricsConfig {
    static constexpr int kMinIntervalMs = 100;
    static constexpr int kMaxIntervalMs = 60'000;
    static constexpr int kDefaultIntervalMs = 1000;
    static constexpr int kMaxExtraNames = 64;
    static constexpr int kMaxNameLength = 200;

    enum class KeySource {
        None,     // no Authorization header (what /metrics usually wants)
        Same,     // the endpoint's own key
        Reference // keyRef: "${env:NAME}"
    };

    bool enabled = false;
    QUrl url; // empty: the endpoint's origin + "/metrics"
    KeySource keySource = KeySource::None;
    QString keyRef;
    bool verifyTls = true;
    int intervalMs = kDefaultIntervalMs;
    QStringList extraNames; // raw metric names kept as they are

    bool operator==(const ServerMetricsConfig&) const = default;
};
