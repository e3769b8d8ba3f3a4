#pragma once

#include "sim/simconfig.h"

#include <QTcpServer>
#include <QTimer>

class SimLedger;
class SimRouter;

// The simulator's HTTP/1.1 server: accepts connections and owns them, the router and the
// engine, all on the thread it lives in. A plain QTcpServer because the response is a
// stream written by the engine's step loop (QHttpServer 6.4 cannot stream).
class SimServer : public QTcpServer {
    Q_OBJECT
public:
    SimServer(const SimConfig& config, SimLedger* ledger, QObject* parent = nullptr);
    ~SimServer() override;

    // Connections idle (or stalled) this long are closed; so is a request whose bytes
    // stop arriving halfway (a slow-loris client).
    static constexpr qint64 kIdleTimeoutNs = 120LL * 1000 * 1000 * 1000;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void sweep();

    SimLedger* m_ledger;
    SimRouter* m_router;
    QTimer m_sweepTimer;
    int m_connections = 0;
};
