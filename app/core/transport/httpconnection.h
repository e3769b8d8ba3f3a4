#pragma once

#include "transport/epolltcpsocket.h"
#include "transport/httpresponseparser.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

class EpollReactor;
class HttpResponseSink;
class QTcpSocket;

// One HTTP/1.1 connection of the direct transport, living on the network thread that uses
// it: no extra HTTP thread, no queued hop per arrival. Plain TCP runs on the thread's
// EpollReactor (EpollTcpSocket) when it has one, TLS (and plain TCP elsewhere) on Qt's
// sockets. It carries one request at a time; after a complete keep-alive response it goes
// back to its HttpConnectionPool for the next request to the same host:port.
class HttpConnection : public QObject, private EpollTcpSocket::Listener {
    Q_OBJECT
public:
    struct Target {
        QString host;
        quint16 port = 0;
        bool tls = false;
        bool verifyTls = true; // the endpoint's explicit opt-out turns it off
        // The endpoint's (TlsConfigBuilder): CAs, client certificate. Null: Qt's defaults.
        QSslConfiguration tlsConfig;
        QString tlsIdentity; // tells connections with different TLS settings apart
        QString key() const;
    };

    // `reactor` may be null (Qt's sockets then carry plain TCP too).
    HttpConnection(const Target& target, EpollReactor* reactor, QObject* parent = nullptr);
    ~HttpConnection() override;

    // Writes `request` (connecting first if needed); the sink hears of this response.
    void send(const QByteArray& request, HttpResponseSink* sink);
    // Drops the sink and closes the socket at once (the peer sees the close).
    void abort();

    const Target& target() const { return m_target; }
    // True once a previous response completed on it: a failure before any byte of the
    // next response may then just be the server having closed it while idle.
    bool wasReused() const { return m_served > 1; }
    bool responseStarted() const { return m_parser.receivedAnything(); }
    // Connected, no request running, last response complete and keep-alive.
    bool isReusable() const;

Q_SIGNALS:
    // The server closed (or wrote to) the connection while no request was running.
    void lostWhileIdle();

private:
    void onEstablished();
    void onReadyRead();
    void consume(qint64 now, QByteArrayView bytes);
    void onSocketError();
    // The transport is closed (by the peer, or failed): the response ends accordingly.
    // reset: the peer reset the connection (RST) rather than closing it (FIN).
    void onClosed(qint64 nowNs, QAbstractSocket::SocketError error, const QString& message,
                  bool reset);
    // Qt's sockets: a duplicate descriptor, to learn after Qt's close whether it was a reset.
    void watchSocket();
    bool takePeerReset();
    void closeWatch();
    void end(qint64 nowNs, QNetworkReply::NetworkError error, const QString& message);
    bool isConnected() const;
    void writeRequest(const QByteArray& request);

    void onTcpConnected() override;
    void onTcpReceived(qint64 arrivalNs, QByteArrayView bytes) override;
    void onTcpEnded(qint64 nowNs, QAbstractSocket::SocketError error, const QString& message,
                    bool reset) override;

    Target m_target;
    QTcpSocket* m_socket = nullptr;  // TLS, or plain TCP without a reactor
    EpollTcpSocket* m_tcp = nullptr; // plain TCP on the reactor
    HttpResponseSink* m_sink = nullptr;
    HttpResponseParser m_parser;
    QByteArray m_pending;    // request waiting for the connection to open
    QByteArray m_readBuffer; // plain TCP: reused for every read
    QString m_tlsErrors;
    bool m_established = false;
    bool m_broken = false;
    int m_served = 0;   // requests sent on it
    int m_watchFd = -1; // Qt's sockets: the duplicate descriptor (see watchSocket())
};
