#pragma once

#include "httpresponseparser.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QString>

class HttpResponseSink;
class QTcpSocket;

// One HTTP/1.1 connection of the direct transport (TCP, or TLS through QSslSocket), living
// on the network thread that uses it: no extra HTTP thread, no queued hop per arrival.
// It carries one request at a time; after a complete keep-alive response it goes back
// to its HttpConnectionPool for the next request to the same host:port.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    struct Target {
        QString host;
        quint16 port = 0;
        bool tls = false;
        bool verifyTls = true; // the endpoint's explicit opt-out turns it off
        QString key() const;
    };

    explicit HttpConnection(const Target& target, QObject* parent = nullptr);
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
    void consume(qint64 now, const QByteArray& bytes);
    void onSocketError();
    void end(qint64 nowNs, QNetworkReply::NetworkError error, const QString& message);

    Target m_target;
    QTcpSocket* m_socket;
    HttpResponseSink* m_sink = nullptr;
    HttpResponseParser m_parser;
    QByteArray m_pending;    // request waiting for the connection to open
    QByteArray m_readBuffer; // plain TCP: reused for every read
    QString m_tlsErrors;
    bool m_established = false;
    bool m_broken = false;
    int m_served = 0; // requests sent on it
};
