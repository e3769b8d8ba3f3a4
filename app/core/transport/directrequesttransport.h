#pragma once

#include "transport/httpresponsesink.h"
#include "transport/requesttransport.h"

class HttpConnection;
class HttpConnectionPool;

// A request on the direct HTTP/1.1 client (HttpConnection, on this thread's epoll reactor
// for plain TCP): connections come from and go back to an HttpConnectionPool. Retries once,
// on a brand-new connection, when a reused keep-alive connection turns out to have been
// closed by the server before any byte of the response arrived.
class DirectRequestTransport : public RequestTransport, private HttpResponseSink {
public:
    explicit DirectRequestTransport(HttpConnectionPool* connections);
    ~DirectRequestTransport() override;

    void start(const TransportRequest& request, RequestTransportListener* listener) override;
    void close() override;

private:
    void onConnectionReady() override;
    void onResponseHead(qint64 nowNs, const HttpResponseParser& head) override;
    void onResponseBody(QByteArrayView bytes, qint64 nowNs) override;
    void onResponseEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                       const QString& message) override;
    void releaseConnection();

    HttpConnectionPool* m_connections;
    HttpConnection* m_connection = nullptr; // the one carrying us
    RequestTransportListener* m_listener = nullptr;
    QByteArray m_requestBytes; // kept for the one stale-connection retry
    bool m_retried = false;
};
