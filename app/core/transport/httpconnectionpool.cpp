#include "transport/httpconnectionpool.h"

#include "transport/epollreactor.h"

HttpConnectionPool::HttpConnectionPool(QObject* parent)
    : QObject(parent) {
    auto* reactor = new EpollReactor(this);
    if (reactor->isValid())
        m_reactor = reactor;
    else
        delete reactor;
}

HttpConnectionPool::~HttpConnectionPool() {
    // The connections (our children, some awaiting deleteLater) go before the reactor
    // their sockets are registered with.
    qDeleteAll(findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly));
    delete m_reactor;
}

HttpConnection* HttpConnectionPool::acquire(const HttpConnection::Target& target, bool fresh) {
    auto it = m_idle.find(target.key());
    while (!fresh && it != m_idle.end() && !it->isEmpty()) {
        // Most recently used first: the one least likely to have hit a server idle timeout.
        HttpConnection* connection = it->takeLast();
        if (connection->isReusable())
            return connection;
        drop(connection);
    }
    ++m_opened;
    auto* connection = new HttpConnection(target, m_reactor, this);
    connect(connection, &HttpConnection::lostWhileIdle, this, [this, connection] {
        auto found = m_idle.find(connection->target().key());
        if (found != m_idle.end() && found->removeOne(connection))
            drop(connection);
    });
    return connection;
}

void HttpConnectionPool::release(HttpConnection* connection) {
    if (!connection)
        return;
    if (connection->isReusable()) {
        QList<HttpConnection*>& idle = m_idle[connection->target().key()];
        if (idle.size() < MaxIdlePerTarget) {
            idle.append(connection);
            return;
        }
    }
    drop(connection);
}

void HttpConnectionPool::drop(HttpConnection* connection) {
    connection->abort();
    // Often called from inside the connection's own socket handler: delete it later.
    connection->deleteLater();
}

int HttpConnectionPool::idleCount() const {
    int count = 0;
    for (const QList<HttpConnection*>& list : m_idle)
        count += int(list.size());
    return count;
}

int HttpConnectionPool::reactorSockets() const {
    return m_reactor ? m_reactor->registered() : 0;
}

void HttpConnectionPool::readArrivedNow() {
    if (m_reactor)
        m_reactor->readArrivedNow();
}
