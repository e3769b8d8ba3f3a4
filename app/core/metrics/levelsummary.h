#pragma once

#include "metrics/figureinterval.h"
#include "metrics/latencystats.h"
#include "metrics/turnttft.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <limits>

// Everything measured at one level of a sweep (docs/METRICS.md "Per level").
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
    // Successful measured requests that ended before the output length they asked for
    // (RequestRecord::earlyStop). Above kEarlyStopWarnShare of the successes the level's
    // tokens/s does not stand for the requested workload (earlyStopWarning()).
    int earlyStops = 0;
    static constexpr double kEarlyStopWarnShare = 0.05;

    double windowStartMs = nan; // steady window, ms from run start
    double windowEndMs = nan;
    double windowSeconds = nan;
    double wallSeconds = nan; // first send to last end of the level's measured requests
    // How the window was found when the level never held its target in flight (e.g. fewer
    // requests than workers) or issuing never stopped cleanly; empty in the normal case.
    QString windowNote;
    int maxInFlight = 0; // most requests the client had in flight at once during the level

    // Steady-window output tokens / window: the content events of successful requests
    // (warm-up ones too) that arrived inside the window. A failed request's partial output
    // was not delivered as an answer and never counts. When the window is too short to carry
    // a rate (see WindowAdequacy), every rate below is taken over the level's wall time
    // instead and throughputSource says so.
    double outputThroughputTps = nan;
    // 95% interval of outputThroughputTps: batch means over the output rate in 100 ms bins of
    // the steady window (docs/METRICS.md "How sure a figure is"), centred on the figure.
    // None over the wall time, or when the window is too short for 5 independent batches.
    FigureInterval outputThroughputCi;
    double outputThroughputTotalTps = nan; // all output tokens / wall time (vLLM's figure)
    // Successful requests in the window / window, each counted by the share of its lifetime
    // [send, end] inside the window (no edge jumps of whole requests). Same for input tps.
    double requestThroughputRps = nan;
    double inputThroughputTps = nan;
    double achievedConcurrency = nan; // time-weighted mean in flight over the window
    double goodputRps = nan;          // requests meeting every budget limit / window
    qint64 outputTokens = 0;          // all successful measured (non-warm-up) requests
    qint64 inputTokens = 0;
    // openai-embeddings (issue 14): the level's requests were embeddings, so TTFT/TPOT/ITL do
    // not apply (empty) and its throughput is inputs/s: the inputs of successful requests in
    // the window / window, each request by its lifetime share as for requests/s.
    bool embeddings = false;
    double inputsPerSecond = nan;
    qint64 embeddingInputs = 0; // all successful measured requests' inputs
    int batchSize = 0;          // inputs per request at this level; 0 for other flavors
    // What the plateau is about: inputs/s for embeddings, else output tokens/s.
    double headlineThroughput() const { return embeddings ? inputsPerSecond : outputThroughputTps; }

    LatencyStats ttftMs;
    LatencyStats tpotMs;
    LatencyStats e2eMs;
    LatencyStats itlMs;
    LatencyStats queueMs;
    LatencyStats ttfbMs;
    LatencyStats ttfeMs;

    // Conversation workloads (issue 16): TTFT per turn index (empty otherwise), and the
    // conversations the level's users started and carried through every turn.
    QList<TurnTtft> ttftByTurn;
    int conversationsStarted = 0;
    int conversationsCompleted = 0;

    double clientCpuSeconds = nan;
    double eventLoopLagP99Ms = nan;
    double maxQueueMs = nan;
    bool clientBound = false;
    QString clientBoundReason;

    double littleLawConcurrency = nan; // request_throughput_rps x mean e2e
    bool littleLawMismatch = false;

    bool withinBudget = false; // meets every limit of the latency budget (true if none)

    // Where the rates (output/input tps, rps, goodput, achieved concurrency) come from:
    // "steady_window", or "wall_time" (the measured requests' first send to last end) when
    // the window was empty or too short; empty when nothing was measured.
    QString throughputSource;
    QString throughputNote; // why the wall time was used; empty for the steady window

    // Closed loop: why the target was never in flight, if it was not: "plan" (the level had
    // fewer requests than workers: not the client's fault, nor the endpoint's) or "client"
    // (client_bound says why). Empty when reached, for rate levels and incomplete levels.
    QString targetUnreachable;

    // Whether this level's figures can stand for its load in the sweep's conclusions
    // (plateau, knee, best within budget): a throughput was measured, not every request
    // failed, and a closed-loop level held its target in flight.
    bool conclusive() const { return inconclusiveReason().isEmpty(); }
    // Why not, in words: "every request failed (http_429 ×60)", "only 2 requests for 128
    // workers, never 128 in flight"; empty when conclusive.
    QString inconclusiveReason() const;

    double earlyStopShare() const { return successes > 0 ? double(earlyStops) / successes : 0.0; }
    // "12% of the answers ended early (...)" when above kEarlyStopWarnShare; else empty.
    QString earlyStopWarning() const;
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
