#pragma once

#include "transport/httpconnection.h"

#include <QHash>
#include <QList>
#include <QObject>

class EpollReactor;

// The idle keep-alive connections of one network thread, per host:port (and TLS mode).
// A closed-loop worker's next request thus reuses the connection its previous one left,
// as Qt's stack would, but without Qt's 6-per-manager cap. Not thread-safe: one per
// network thread, used only there. It owns the thread's EpollReactor, which the plain
// TCP connections run on.
class HttpConnectionPool : public QObject {
    Q_OBJECT
public:
    // Idle connections kept per target; more are closed (a level's N still bounds it).
    static constexpr int MaxIdlePerTarget = 4096;

    explicit HttpConnectionPool(QObject* parent = nullptr);
    ~HttpConnectionPool() override;

    // An idle connection to `target`, or a new (not yet connected) one; always a new one
    // with `fresh` (the retry after a stale keep-alive connection).
    HttpConnection* acquire(const HttpConnection::Target& target, bool fresh = false);
    // The request is over. A connection that can carry another request waits idle,
    // anything else is closed at once (the server sees the close).
    void release(HttpConnection* connection);

    int connectionsOpened() const { return m_opened; }
    int idleCount() const;
    // Reads the responses' bytes that have arrived by now, with their arrival times, to be
    // handed over soon after: called before work that would otherwise delay them.
    void readArrivedNow();
    // Sockets on the reactor (tests: none may be left behind).
    int reactorSockets() const;

private:
    void drop(HttpConnection* connection);

    EpollReactor* m_reactor = nullptr; // null where epoll is unavailable
    QHash<QString, QList<HttpConnection*>> m_idle;
    int m_opened = 0;
};
