#pragma once

#include "profile/endpointprice.h"
#include "profile/servermetricsconfig.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// One endpoint under test. Never holds a secret: apiKeyRef names where the key lives,
// "${env:NAME}" (environment variable) or "keychain:ENTRY" (system keychain).
struct EndpointConfig {
    QString name = QStringLiteral("Built-in simulator");
    // "openai-chat", "openai-completions", "databricks", "azure-openai"
    QString flavor = QStringLiteral("openai-chat");
    // Base URL or full URL; "sim:default" (or another preset name) means the built-in
    // simulator, started in-process on a free loopback port when the run starts.
    QUrl url = QUrl(QStringLiteral("sim:default"));
    QString model = QStringLiteral("plateau-sim");
    QString apiKeyRef;                      // empty: no auth
    QString apiVersion;                     // azure-openai: api-version query
    QList<QPair<QString, QString>> headers; // extra request headers
    QJsonObject extraBody;                  // merged into every request body
    bool verifyTls = true;                  // explicit per-endpoint opt-out only
    // Enterprise TLS (issue 14), PEM file paths: CAs trusted for this endpoint beside the
    // system's, and a client certificate + key for mutual TLS. The key's passphrase is a
    // reference like the API key's ("${env:NAME}"), never the passphrase itself.
    QString caCertFile;
    QString clientCertFile;
    QString clientKeyFile;
    QString clientKeyPassphraseRef;
    bool useSystemProxy = true;    // HTTP(S)_PROXY from the environment
    bool http2 = false;            // HTTP/2 (one connection, multiplexed)
    bool forceExactOutput = false; // ignore_eos/min_tokens where supported
    double connectTimeoutS = 10.0;
    double firstTokenTimeoutS = 120.0;
    double idleTimeoutS = 60.0; // between events
    double totalTimeoutS = 600.0;
    ServerMetricsConfig serverMetrics; // the server's own /metrics (issue 12)
    EndpointPrice price;               // optional: per hour or per million tokens (issue 14)

    bool isBuiltinSimulator() const { return url.scheme() == QLatin1String("sim"); }
    // "sim:PRESET"; "sim://PRESET" (a URL habit) names the same preset.
    QString simulatorPreset() const { return url.path().isEmpty() ? url.host() : url.path(); }

    bool operator==(const EndpointConfig&) const = default;
};
