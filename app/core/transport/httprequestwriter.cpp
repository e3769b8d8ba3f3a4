#include "transport/httprequestwriter.h"

#include "protocol/flavorsupport.h"

#include <QNetworkRequest>
#include <QUrl>

namespace {
quint16 defaultPort(const QUrl& url) {
    return url.scheme() == QLatin1String("https") ? 443 : 80;
}
} // namespace

QByteArray HttpRequestWriter::post(const QNetworkRequest& request, const QByteArray& body) {
    if (!FlavorSupport::headerProblem(request).isEmpty())
        return QByteArray(); // never put a second header (or request) on the wire
    const QUrl url = request.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();

    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6 literal
    const int port = url.port(defaultPort(url));
    if (port != defaultPort(url))
        host += ':' + QByteArray::number(port);

    QByteArray out;
    out.reserve(512 + body.size());
    out += "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    bool hasAcceptEncoding = false;
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray& name : names) {
        const QByteArray lower = name.toLower();
        // Framing and connection handling are ours to state, once.
        if (lower == "host" || lower == "content-length" || lower == "connection" ||
            lower == "transfer-encoding")
            continue;
        hasAcceptEncoding = hasAcceptEncoding || lower == "accept-encoding";
        out += name + ": " + request.rawHeader(name) + "\r\n";
    }
    if (!hasAcceptEncoding)
        out += "Accept-Encoding: identity\r\n";
    out +=
        "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: keep-alive\r\n\r\n";
    out += body;
    return out;
}

HttpConnection::Target HttpRequestWriter::target(const QNetworkRequest& request, bool verifyTls) {
    const QUrl url = request.url();
    HttpConnection::Target target;
    target.tls = url.scheme() == QLatin1String("https");
    target.host = url.host();
    target.port = quint16(url.port(defaultPort(url)));
    target.verifyTls = verifyTls;
    return target;
}
