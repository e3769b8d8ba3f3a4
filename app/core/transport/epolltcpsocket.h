#pragma once

#include "transport/epollreactor.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

// A plain, non-blocking TCP client socket on a network thread's EpollReactor: the direct
// transport's socket for http:// endpoints on Linux. It connects (resolving the name with
// QHostInfo and trying each address in turn), writes (buffering what the kernel will not
// take yet) and hands every read, with its arrival time, to its listener. TLS stays on
// QSslSocket.
class EpollTcpSocket : public QObject, private EpollReactor::Handler {
    Q_OBJECT
public:
    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onTcpConnected() = 0;
        virtual void onTcpReceived(qint64 arrivalNs, QByteArrayView bytes) = 0;
        // The connection is over: closed by the peer (RemoteHostClosedError) or failed.
        // reset: what the socket said, not a guess: true for a reset by the peer
        // (ECONNRESET, EPIPE, ECONNABORTED: a TCP RST), false for an orderly close (FIN:
        // recv() returned 0) and for failures to connect. Not called after abort().
        virtual void onTcpEnded(qint64 nowNs, QAbstractSocket::SocketError error,
                                const QString& message, bool reset) = 0;
    };

    EpollTcpSocket(EpollReactor* reactor, Listener* listener, QObject* parent = nullptr);
    ~EpollTcpSocket() override;

    void connectToHost(const QString& host, quint16 port);
    // Sends now what the kernel takes; the rest as the socket drains. Before the
    // connection is up, everything waits for it.
    void write(const QByteArray& bytes);
    // Closes at once; no further callbacks.
    void abort();

    bool isIdle() const { return m_state == State::Idle; }
    bool isConnected() const { return m_state == State::Connected; }

private:
    // Failing: closed, the failure not yet reported (it is reported from the event loop
    // when it happened inside connectToHost() or write(), so never re-entrantly).
    enum class State { Idle, Resolving, Connecting, Connected, Failing, Closed };

    void onResolved(const QList<QHostAddress>& addresses, const QString& error);
    void connectNext(bool deferFailure);
    void onWritable() override;
    void onReceived(qint64 arrivalNs, QByteArrayView bytes) override;
    void onReadEnded(qint64 arrivalNs, int error) override;
    bool flush(bool deferFailure); // false: the connection failed
    void watchWritable(bool writable);
    void closeDescriptor();
    void failWithErrno(int osError, bool defer, qint64 nowNs = -1);
    void fail(QAbstractSocket::SocketError error, const QString& message, bool reset, bool defer,
              qint64 nowNs = -1);
    static QAbstractSocket::SocketError socketErrorFor(int error);
    static bool isReset(int error);

    EpollReactor* m_reactor;
    Listener* m_listener;
    State m_state = State::Idle;
    int m_fd = -1;
    qint64 m_id = -1;
    quint16 m_port = 0;
    QList<QHostAddress> m_addresses;
    int m_lastConnectError = 0;
    int m_lookupId = -1;
    QByteArray m_pending; // not yet taken by the kernel
    qsizetype m_pendingSent = 0;
    bool m_writeWatched = false; // EPOLLOUT registered: the kernel tells when it takes more
};
