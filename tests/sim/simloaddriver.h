#pragma once

#include "simtestclient.h"

#include <QObject>
#include <functional>
#include <vector>

// One request of a test load, as the client saw it.
struct SimLoadResult {
    qint64 sendNs = -1;
    SimTestResponse response; // status 0 when nothing came back
    bool disconnected = false;
    bool timedOut = false;

    qint64 firstContentNs() const;
    qint64 lastContentNs() const;
    quint64 requestId() const { return response.header("x-request-id").toULongLong(); }
};

// A closed-loop load of raw-socket clients for the simulator's tests: `concurrency`
// workers, each sending its next request (on a fresh connection) as soon as the previous
// one ended, until `total` were sent or the issue deadline passed.
class SimLoadDriver : public QObject {
    Q_OBJECT
public:
    using RequestFactory = std::function<QByteArray(int index)>;

    SimLoadDriver(quint16 port, RequestFactory factory, QObject* parent = nullptr);
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    void run(int concurrency, int total, qint64 issueUntilNs = -1);
    bool waitDone(int timeoutMs);
    const std::vector<SimLoadResult>& results() const { return m_results; }
    int maxInFlight() const { return m_maxInFlight; }

private:
    void issue();
    void finished(SimTestClient* client, qint64 sendNs);

    quint16 m_port;
    RequestFactory m_factory;
    int m_idleTimeoutMs = 30000;
    int m_total = 0;
    int m_sent = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    qint64 m_issueUntilNs = -1;
    std::vector<SimLoadResult> m_results;
};
