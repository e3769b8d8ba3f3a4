#pragma once

#include "latencystats.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <limits>

// Everything measured at one level of a sweep (METRICS.md "Per level").
struct LevelSummary {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    int index = -1;
    bool isRate = false;   // open-loop (rate) level, else closed-loop (concurrency)
    int concurrency = 0;   // closed loop: N workers; open loop: the cap (0 = none)
    double rate = 0.0;     // open loop: requests per second
    bool complete = false; // false while running or when the run was stopped in this level

    int requests = 0; // measured requests (warm-up excluded), successful or not
    int successes = 0;
    int warmupRequests = 0;
    QMap<QString, int> errors; // by ErrorClass

    double windowStartMs = nan; // steady window, ms from run start
    double windowEndMs = nan;
    double windowSeconds = nan;
    double wallSeconds = nan; // first send to last end of the level's measured requests
    // How the window was found when the level never held its target in flight (e.g. fewer
    // requests than workers) or issuing never stopped cleanly; empty in the normal case.
    QString windowNote;
    int maxInFlight = 0; // most requests the client had in flight at once during the level

    // Steady-window output tokens / window: every content event that arrived inside the
    // window counts (warm-up and failed requests' too: the endpoint delivered them).
    double outputThroughputTps = nan;
    double outputThroughputTotalTps = nan; // all output tokens / wall time (vLLM's figure)
    // Successful requests in the window / window, each counted by the share of its lifetime
    // [send, end] inside the window (no edge jumps of whole requests). Same for input tps.
    double requestThroughputRps = nan;
    double inputThroughputTps = nan;
    double achievedConcurrency = nan; // time-weighted mean in flight over the window
    double goodputRps = nan;          // requests meeting every budget limit / window
    qint64 outputTokens = 0;          // all successful measured (non-warm-up) requests
    qint64 inputTokens = 0;

    LatencyStats ttftMs;
    LatencyStats tpotMs;
    LatencyStats e2eMs;
    LatencyStats itlMs;
    LatencyStats queueMs;
    LatencyStats ttfbMs;
    LatencyStats ttfeMs;

    double clientCpuSeconds = nan;
    double eventLoopLagP99Ms = nan;
    double maxQueueMs = nan;
    bool clientBound = false;
    QString clientBoundReason;

    double littleLawConcurrency = nan; // request_throughput_rps x mean e2e
    bool littleLawMismatch = false;

    bool withinBudget = false; // meets every limit of the latency budget (true if none)

    double errorRate() const {
        return requests > 0 ? double(requests - successes) / requests : 0.0;
    }
    // Label used on charts and tables: "c=16", "5 rps" or "5 rps (cap 32)".
    QString label() const;
    // Looks up a latency distribution by metric name:
    // "ttft","tpot","e2e","itl","queue","ttfb","ttfe".
    const LatencyStats* latency(const QString& metric) const;

    QJsonObject toJson() const;
    static LevelSummary fromJson(const QJsonObject& object);
};
