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
    int running = 0;           // in the batch
    int queued = 0;
    qint64 tokensEmitted = 0;
    double scheduleSlipP50Ms = 0.0; // actual token send time - planned
    double scheduleSlipP99Ms = 0.0;
    QJsonObject toJson() const;
};

// What the simulator really did for one request (GET /sim/requests), MonotonicClock ns.
struct SimRequestTruth {
    quint64 id = 0;
    QString path;
    int promptTokens = 0;
    int maxTokens = 0;
    int tokensSent = 0;
    qint64 arrivalNs = -1;
    qint64 admittedNs = -1;
    qint64 firstTokenNs = -1;
    qint64 lastTokenNs = -1;
    qint64 finishedNs = -1;
    QString fault; // "", "429", "500", "drop", "error_event", "stall", "client_disconnect"
    QJsonObject toJson() const;
};
