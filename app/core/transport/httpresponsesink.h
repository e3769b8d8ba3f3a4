#pragma once

#include <QByteArrayView>
#include <QNetworkReply>
#include <QString>

class HttpResponseParser;

// Receiver of one response on a direct HTTP/1.1 connection. Plain virtual calls rather
// than signals: they run on every arrival, in the socket's own readyRead handler, and the
// point of the direct transport is to do as little per arrival as possible.
// Every nowNs is MonotonicClock::nowNs() read when the socket signalled, before reading.
class HttpResponseSink {
public:
    virtual ~HttpResponseSink() = default;
    // TCP (and TLS) is up and the request was written.
    virtual void onConnectionReady() = 0;
    virtual void onResponseHead(qint64 nowNs, const HttpResponseParser& head) = 0;
    // bytes: a view of the read, valid during the call only (copy what you keep).
    virtual void onResponseBody(QByteArrayView bytes, qint64 nowNs) = 0;
    // The response ended: NoError when its framing completed (or a close-delimited body
    // ended with the close); otherwise the QNetworkReply code Qt's stack would have
    // reported, so StreamTracker classifies both transports alike. Called exactly once.
    virtual void onResponseEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                               const QString& message) = 0;
};
