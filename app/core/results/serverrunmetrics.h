#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <map>
#include <optional>

// What the server's own metrics said during one steady window (issue 12), and the
// cross-check of its generation rate against the client's measured output tok/s.
struct ServerLevelFigures {
    static constexpr double kCrossCheckTolerance = 0.05;

    int index = -1;
    std::optional<double> generationTps; // server_generation_tps
    std::optional<double> promptTps;     // server_prompt_tps
    std::optional<double> runningMean;   // server_running_mean
    std::optional<double> waitingMean;   // server_waiting_mean
    std::optional<double> kvUsageMax;    // server_kv_usage_max, a fraction 0..1
    std::optional<double> prefixHitRate; // server_prefix_hit_rate, 0..1
    std::optional<double> preemptions;   // server_preemptions: how many in the window
    // (server - measured) / measured; absent when either side is missing.
    std::optional<double> crossCheckDifference;
    bool crossCheckFlagged = false; // |difference| above kCrossCheckTolerance
    QString crossCheckNote;         // one line: why flagged, or why there is no cross-check

    bool isEmpty() const {
        return !generationTps && !promptTps && !runningMean && !waitingMean && !kvUsageMax &&
               !prefixHitRate && !preemptions;
    }
};

// The server's side of a run: the metrics URL, the engine recognised, the mapped series on the
// run's clock, the raw series asked for by name, the scrape warnings and the per-level figures.
// Plain data, so results and their readers need nothing of the scraper.
struct ServerRunMetrics {
    struct Point {
        qint64 tMs = 0; // ms since run start (the client's monotonic clock)
        double value = 0.0;
        bool operator==(const Point&) const = default;
    };
    using Series = QList<Point>;
    struct Warning {
        QString kind;    // MetricsScraper::warningKey(): "refused", "timeout", ...
        QString message; // one escaped line, never the key
    };

    bool enabled = false;
    QString url; // as it may be shown: no user info, no query
    QString engine = QStringLiteral("unknown");
    int intervalMs = 0;
    int scrapes = 0;
    QList<Warning> warnings;
    // Gauges by vocabulary key ("running", "waiting", "kv_usage", "prefix_hit_rate") as
    // sampled; counters as rates per interval end ("generation_tokens_per_s", ...).
    std::map<QString, Series> series;
    std::map<QString, QString> sourceNames; // vocabulary key -> the engine's metric name
    QStringList extraNames;                 // raw metrics asked for, in order
    std::map<QString, Series> extras;       // their series (counters as rates too)
    QList<ServerLevelFigures> levels;

    const ServerLevelFigures* level(int index) const {
        for (const ServerLevelFigures& figures : levels) {
            if (figures.index == index)
                return &figures;
        }
        return nullptr;
    }
};
