#pragma once

#include "sim/simconfig.h"
#include "sim/simgenrequest.h"

#include <QObject>

class SimConnection;
class SimEngine;
class SimLedger;
struct SimHttpRequest;
struct SimSequence;

// Answers one request: the OpenAI-compatible generation paths (through the engine, with
// faults rolled per request), Databricks and Azure OpenAI aliases, the native protocols
// (/v1/messages, /v1/responses, /generate_stream, /api/chat; errors in their own shapes), model
// list, health, the Prometheus /metrics (vLLM's names) and the /sim/* ground-truth endpoints.
// Errors use OpenAI's JSON shape:
//   {"error":{"message":...,"type":"invalid_request_error","code":400}}
class SimRouter : public QObject {
    Q_OBJECT
public:
    SimRouter(const SimConfig& config, SimLedger* ledger, QObject* parent = nullptr);
    ~SimRouter() override;

    void handle(SimConnection* connection, const SimHttpRequest& request);
    void connectionLost(SimSequence* sequence, const QString& fault);
    // Ends the engine (every sequence still under way) before the connections go.
    void shutdown();

private:
    void generate(SimConnection* c, const SimHttpRequest& request, SimGenRequest::Kind kind);
    bool authorized(const SimHttpRequest& request) const;
    // The request's error answer, in its protocol's JSON shape.
    void reject(SimConnection* c, SimGenRequest::Kind kind, struct SimRequestTruth& truth,
                int status, const char* type, const QString& message, const QString& fault);
    void sendRequests(SimConnection* c, const SimHttpRequest& request);
    void sendMetrics(SimConnection* c);

    SimConfig m_config;
    SimLedger* m_ledger;
    SimEngine* m_engine;
    quint64 m_nextId = 0;
};
