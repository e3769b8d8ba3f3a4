#pragma once

#include <QJsonObject>
#include <QString>

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
    // "unauthorized" (401) and "slow_client" (closed: the client did not read).
    QString fault;
    int httpStatus = 0; // status line sent (200 for every stream, even one that fails later)
    bool stream = false;
    QJsonObject toJson() const;
};
