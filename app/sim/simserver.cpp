#include "sim/simserver.h"

#include "common/monotonicclock.h"
#include "sim/simconnection.h"
#include "sim/simledger.h"
#include "sim/simrouter.h"

SimServer::SimServer(const SimConfig& config, SimLedger* ledger, QObject* parent)
    : QTcpServer(parent)
    , m_ledger(ledger)
    , m_router(new SimRouter(config, ledger, this)) {
    setMaxPendingConnections(4096);
    m_sweepTimer.setInterval(5000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &SimServer::sweep);
    m_sweepTimer.start();
}

SimServer::~SimServer() {
    close();
    // The engine first: it tells the connections still streaming that it is gone; then the
    // connections (children) are destroyed with this object.
    m_router->shutdown();
    const QList<SimConnection*> connections = findChildren<SimConnection*>();
    for (SimConnection* c : connections)
        delete c;
    m_ledger->setLive(SimLiveState{});
    m_ledger->setOpenConnections(0);
}

void SimServer::incomingConnection(qintptr descriptor) {
    auto* connection = new SimConnection(descriptor, m_router, this);
    ++m_connections;
    connect(connection, &QObject::destroyed, this, [this] {
        --m_connections;
        m_ledger->setOpenConnections(m_connections);
    });
    m_ledger->setOpenConnections(m_connections);
}

void SimServer::sweep() {
    const qint64 now = MonotonicClock::nowNs();
    const QList<SimConnection*> connections =
        findChildren<SimConnection*>(Qt::FindDirectChildrenOnly);
    for (SimConnection* c : connections) {
        if (c->isWaiting() && now - c->lastActivityNs() > kIdleTimeoutNs)
            c->abortConnection();
    }
}
