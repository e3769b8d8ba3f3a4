#include "transport/qtrequesttransport.h"

#include "common/monotonicclock.h"

#include <QNetworkAccessManager>

QtRequestTransport::QtRequestTransport(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager) {}

QtRequestTransport::~QtRequestTransport() {
    if (m_reply) { // at once: the thread's event loop may not run again
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply.data();
    }
}

void QtRequestTransport::start(const TransportRequest& transportRequest,
                               RequestTransportListener* listener) {
    m_listener = listener;
    QNetworkRequest request = transportRequest.request;
    const bool tls = request.url().scheme() == QLatin1String("https");
    // Qt 6 enables HTTP/2 over TLS by default; only use it when the user asked, so the
    // default load is N HTTP/1.1 connections. Cleartext HTTP/2 needs prior knowledge.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, transportRequest.http2);
    request.setAttribute(QNetworkRequest::Http2DirectAttribute, transportRequest.http2 && !tls);
    if (!transportRequest.tls.isNull())
        request.setSslConfiguration(transportRequest.tls);
    QNetworkReply* reply = m_manager->post(request, transportRequest.body);
    m_reply = reply;
    // No reply signal can be delivered before we return to this thread's event loop.
    connect(reply, &QNetworkReply::requestSent, this, [this] {
        if (m_listener)
            m_listener->onTransportConnected();
    });
    connect(reply, &QNetworkReply::metaDataChanged, this,
            [this] { deliverHead(MonotonicClock::nowNs()); });
    connect(reply, &QNetworkReply::readyRead, this, &QtRequestTransport::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &QtRequestTransport::onFinished);
#if QT_CONFIG(ssl)
    const bool verify = transportRequest.verifyTls;
    connect(
        reply, &QNetworkReply::sslErrors, this,
        [this, reply, verify](const QList<QSslError>& errors) {
            if (m_listener)
                m_listener->onTransportTlsErrors(errors);
            if (!verify) // the endpoint's explicit opt-out (self-signed test servers), nothing else
                reply->ignoreSslErrors();
        });
#endif
}

void QtRequestTransport::close() {
    m_listener = nullptr;
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    if (m_reply->isRunning())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply.clear();
}

void QtRequestTransport::deliverHead(qint64 nowNs) {
    if (m_headSeen || !m_reply || !m_listener)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headSeen = true;
    m_listener->onTransportHead(nowNs, status.toInt(), m_reply->rawHeader("Content-Type"),
                                m_reply->rawHeader("x-request-id"));
}

void QtRequestTransport::onReadyRead() {
    const qint64 now = MonotonicClock::nowNs(); // timestamp first, then read, then parse
    if (!m_reply || !m_listener)
        return;
    const QByteArray bytes = m_reply->readAll();
    deliverHead(now);
    if (m_listener && !bytes.isEmpty())
        m_listener->onTransportBody(bytes, now);
}

void QtRequestTransport::onFinished() {
    const qint64 now = MonotonicClock::nowNs();
    if (!m_reply || !m_listener)
        return;
    const QByteArray rest = m_reply->readAll();
    deliverHead(now);
    if (m_listener && !rest.isEmpty())
        m_listener->onTransportBody(rest, now);
    if (!m_listener || !m_reply)
        return; // closed by the listener
    RequestTransportListener* listener = m_listener;
    m_listener = nullptr; // exactly once
    listener->onTransportEnd(now, m_reply->error(), m_reply->errorString());
}
