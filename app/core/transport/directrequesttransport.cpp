#include "transport/directrequesttransport.h"

#include "transport/httpconnection.h"
#include "transport/httpconnectionpool.h"
#include "transport/httprequestwriter.h"

DirectRequestTransport::DirectRequestTransport(HttpConnectionPool* connections)
    : m_connections(connections) {}

DirectRequestTransport::~DirectRequestTransport() {
    close();
}

void DirectRequestTransport::start(const TransportRequest& request,
                                   RequestTransportListener* listener) {
    m_listener = listener;
    m_requestBytes = HttpRequestWriter::post(request.request, request.body);
    HttpConnection::Target target = HttpRequestWriter::target(request.request, request.verifyTls);
    target.tlsConfig = request.tls;
    if (!request.tls.isNull())
        target.tlsIdentity = request.tlsIdentity;
    m_connection = m_connections->acquire(target);
    // send() may call back (onConnectionReady) at once on a reused connection.
    m_connection->send(m_requestBytes, this);
}

void DirectRequestTransport::close() {
    m_listener = nullptr;
    releaseConnection(); // reused if its response completed, closed otherwise
}

void DirectRequestTransport::releaseConnection() {
    if (!m_connection)
        return;
    HttpConnection* connection = m_connection;
    m_connection = nullptr;
    m_connections->release(connection); // keeps it only if reusable
}

void DirectRequestTransport::onConnectionReady() {
    if (m_listener)
        m_listener->onTransportConnected();
}

void DirectRequestTransport::onResponseHead(qint64 nowNs, const HttpResponseParser& head) {
    if (m_listener)
        m_listener->onTransportHead(nowNs, head.status(), head.header("content-type"),
                                    head.header("x-request-id"));
}

void DirectRequestTransport::onResponseBody(QByteArrayView bytes, qint64 nowNs) {
    if (m_listener)
        m_listener->onTransportBody(bytes, nowNs);
}

void DirectRequestTransport::onResponseEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                                           const QString& message) {
    if (!m_listener)
        return;
    if (error != QNetworkReply::NoError && !m_retried && m_connection &&
        m_connection->wasReused() && !m_connection->responseStarted()) {
        // The server closed the idle keep-alive connection as we reused it: nothing of the
        // response arrived, so the request cannot have been acted on. Once, on a fresh one.
        m_retried = true;
        const HttpConnection::Target target = m_connection->target();
        releaseConnection();
        // Another idle one could be stale too: insist on a brand-new connection.
        m_connection = m_connections->acquire(target, true);
        m_connection->send(m_requestBytes, this);
        return;
    }
    RequestTransportListener* listener = m_listener;
    m_listener = nullptr; // exactly once
    listener->onTransportEnd(nowNs, error, message);
}
