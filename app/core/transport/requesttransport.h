#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

// What a transport needs to send one request: the flavor's request (URL, headers) and
// body, and the endpoint's TLS settings (TlsConfigBuilder).
struct TransportRequest {
    QNetworkRequest request;
    QByteArray body;
    QSslConfiguration tls; // null: Qt's defaults
    QString tlsIdentity;   // tells connections with different TLS settings apart
    bool verifyTls = true; // false only by the endpoint's explicit opt-out
    bool http2 = false;    // Qt's stack only
};

// Hears one request's life on a transport. Every nowNs is MonotonicClock::nowNs() read when
// the bytes (or the event) arrived, BEFORE they were read or parsed. The listener may call
// RequestTransport::close() from any of these; no callback follows it.
class RequestTransportListener {
public:
    virtual ~RequestTransportListener() = default;
    // The request is on the wire (connection up, request written).
    virtual void onTransportConnected() = 0;
    virtual void onTransportHead(qint64 nowNs, int status, const QByteArray& contentType,
                                 const QByteArray& requestId) = 0;
    // bytes: the transport's read buffer, valid during the call only (copy what you keep).
    virtual void onTransportBody(QByteArrayView bytes, qint64 nowNs) = 0;
    // The response ended, exactly once: NoError, or the QNetworkReply code Qt's stack gives
    // (both transports alike, so StreamTracker classifies them the same way).
    virtual void onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                                const QString& message) = 0;
    // The server's certificate failed these checks (before the handshake fails, or is let
    // through by verifyTls = false). Only the transports that see them one by one call it.
    virtual void onTransportTlsErrors(const QList<QSslError>& errors) { Q_UNUSED(errors) }
};

// How one request reaches the endpoint and its bytes come back: the direct HTTP/1.1 client
// (DirectRequestTransport) or Qt's network stack (QtRequestTransport). The request's
// lifecycle around it — deadlines (RequestDeadlines), parsing (StreamTracker), the record —
// is the caller's, the same for both: RequestExecution for a run, ConnectionTester for
// "Test connection". One object carries one request.
class RequestTransport {
public:
    virtual ~RequestTransport() = default;
    // Sends the request; callbacks come from this thread's event loop (possibly before
    // start() returns on the direct transport, never for Qt's).
    virtual void start(const TransportRequest& request, RequestTransportListener* listener) = 0;
    // Ends the request now, whatever its state: no callback follows. A completed keep-alive
    // connection may be kept for the next request.
    virtual void close() = 0;
};
