#pragma once

#include <QByteArray>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

// What MetricsScraper needs for one metrics URL. Every number has a bound (validate() says
// which is wrong; the scraper itself clamps to the bounds whatever it is given). The
// Authorization value lives in memory only: never in a file, a log, a message or the
// environment.
struct ScraperConfig {
    static constexpr int kMinIntervalMs = 100;
    static constexpr int kMaxIntervalMs = 60'000;
    static constexpr int kDefaultIntervalMs = 1000;
    static constexpr int kMinTimeoutMs = 50;
    static constexpr qint64 kDefaultMaxBytes = 16 * 1024 * 1024;
    static constexpr qint64 kMaxMaxBytes = 256 * 1024 * 1024;
    static constexpr int kMaxExtraNames = 64;

    QUrl url;
    int intervalMs = kDefaultIntervalMs;
    // 0: 80% of the interval. Always below the interval, so scrapes never pile up.
    int timeoutMs = 0;
    QByteArray authorization; // the header's whole value, e.g. "Bearer KEY"; empty: none
    bool verifyTls = true;
    // The endpoint's TLS settings (CAs, client certificate; built by the run's
    // TlsConfigBuilder). Null: Qt's defaults. verifyTls false still turns verification off.
    QSslConfiguration tls;
    qint64 maxBytes = kDefaultMaxBytes; // the answer, after decompression
    QStringList extraNames;             // raw metric names kept as they are
    // The run's start on the monotonic clock (std::chrono::steady_clock, what MonotonicClock
    // reads), in ns: scrapes are stamped in ms since then.
    qint64 originNs = 0;

    bool validate(QString* error) const;
    // The same with every number brought inside its bounds.
    ScraperConfig clamped() const;
    int effectiveTimeoutMs() const;
    // The URL as it may be shown: no user info, no query.
    QString displayUrl() const;
};
