#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Simulator counters (GET /sim/stats).
struct SimStats {
    qint64 requestsStarted = 0;
    qint64 requestsCompleted = 0;
    qint64 requestsFailed = 0; // faults injected, client disconnects, bad requests
    int inFlight = 0;          // accepted generation requests not yet finished (queued + running)
    int maxInFlight = 0;
    int running = 0; // in the batch
    int queued = 0;
    qint64 tokensEmitted = 0;
    double scheduleSlipP50Ms = 0.0; // actual token send time - planned
    double scheduleSlipP99Ms = 0.0;
    double scheduleSlipMaxMs = 0.0;
    qint64 slipSamples = 0; // socket writes measured (one per stream per step)
    qint64 steps = 0;       // engine steps run
    // Steps the engine could not start on schedule because the previous one ran later than
    // a whole step (a starved thread): the schedule restarts from then instead of firing
    // the missed steps back to back (which would burst tokens). 0 on a healthy run.
    qint64 scheduleResets = 0;
    int openConnections = 0;

    // Prompt words of the requests that got their first token (vLLM's prompt_tokens).
    qint64 promptTokens = 0;
    qint64 earlyStops = 0; // completed requests that ended early by plan (early_stop_rate)
    // Prefix cache, per admission: the full blocks looked up (those inside all but the last
    // prompt word) and the leading ones found; in words, the whole prompt is the query
    // (vLLM's prefix_cache_queries) and the cached blocks' words the hit.
    qint64 prefixQueriedBlocks = 0;
    qint64 prefixHitBlocks = 0;
    qint64 prefixQueriedWords = 0;
    qint64 prefixHitWords = 0;
    qint64 prefixEvictedBlocks = 0;
    int prefixCachedBlocks = 0; // live: blocks in the cache now
    // KV cache: sequences sent back to the queue because the batch outgrew the cache, and
    // the live tokens held by running sequences (prompt + generated).
    qint64 preemptions = 0;
    qint64 kvTokensUsed = 0;
    qint64 kvCacheTokens = 0; // the capacity (0 = unlimited)
    double kvUsage() const {
        return kvCacheTokens > 0 ? double(kvTokensUsed) / kvCacheTokens : 0.0;
    }
    QJsonObject toJson() const;
};

// What the simulator really did for one request (GET /sim/requests), MonotonicClock ns.
struct SimRequestTruth {
    quint64 id = 0;
    // Order of finishing (1, 2, ...; never reused, not even after a reset): ids are in
    // arrival order, but requests finish out of it, so a reader that follows the history
    // uses this as its cursor (SimulatorThread::writeRequestsJsonLines).
    quint64 finishSeq = 0;
    QString path;
    int promptTokens = 0;
    int maxTokens = 0;
    int tokensSent = 0;
    qint64 arrivalNs = -1;
    qint64 admittedNs = -1;
    qint64 firstTokenNs = -1;
    qint64 lastTokenNs = -1;
    qint64 finishedNs = -1;
    // The model's schedule for the first and last token: where the sends above were due.
    // actual - planned is the simulator's own slip; planned gaps are the model's exact TPOT.
    qint64 plannedFirstTokenNs = -1;
    qint64 plannedLastTokenNs = -1;
    // "", "429", "500", "drop", "error_event", "stall", "client_disconnect", plus
    // "queue_full" (429 because max_queue was reached), "bad_request" (400),
    // "context_length" (400: prompt + max_tokens exceed kv_cache_tokens),
    // "unauthorized" (401) and "slow_client" (closed: the client did not read).
    QString fault;
    int httpStatus = 0; // status line sent (200 for every stream, even one that fails later)
    bool stream = false;

    // The length the engine planned and why: "max_tokens" (the request's max_tokens,
    // finish_reason "length"), "default_max_tokens" (none given: the simulator's default,
    // ending as a natural "stop") or "early_stop" (an early end drawn at early_stop_rate,
    // "stop"). ignore_eos and min_tokens as the request set them.
    int plannedTokens = 0;
    QString plannedEnd;
    bool ignoreEos = false;
    int minTokens = 0;
    QString finishReason; // sent with the last token ("length", "stop"); "" if it never was
    int cachedWords = 0;  // prompt words served by the prefix cache at the first admission
    int preemptions = 0;  // times sent back to the queue to free KV cache
    // Conversations (issue 16): SimDigest of the answer sent (complete answers only) and of
    // each assistant message of the history the request carried; JSON only when not empty.
    QString answerDigest;
    QStringList historyDigests;
    QJsonObject toJson() const;
};
