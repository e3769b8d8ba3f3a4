#pragma once

#include "transport/httpconnection.h"

#include <QByteArray>

class QNetworkRequest;

// Serialises a flavor's QNetworkRequest (URL, headers incl. auth) and body into the
// bytes of one HTTP/1.1 POST for the direct transport, so both transports send the same
// request: Host, every header the flavor set, Content-Length, Accept-Encoding: identity
// (the raw stream is measured) and keep-alive.
class HttpRequestWriter {
public:
    // Empty if any header name or value holds a CR, LF, NUL or another control character
    // (FlavorSupport::headerProblem() says which): validation refuses those first; this is
    // the last line.
    static QByteArray post(const QNetworkRequest& request, const QByteArray& body);
    static HttpConnection::Target target(const QNetworkRequest& request, bool verifyTls);
};
