#include "transport/httpconnection.h"

#include "common/monotonicclock.h"
#include "transport/httpresponsesink.h"
#include "transport/tlserrortext.h"

#include <QSslError>
#include <QSslSocket>
#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

QString HttpConnection::Target::key() const {
    return (tls ? (verifyTls ? u"https:" : u"https-noverify:") : u"http:") + host + u':' +
           QString::number(port) + (tlsIdentity.isEmpty() ? QString() : u'|' + tlsIdentity);
}

HttpConnection::HttpConnection(const Target& target, EpollReactor* reactor, QObject* parent)
    : QObject(parent)
    , m_target(target) {
    if (!target.tls && reactor && reactor->isValid()) {
        m_tcp = new EpollTcpSocket(reactor, this, this);
        return;
    }
    if (target.tls) {
        auto* socket = new QSslSocket(this);
        // Verification is on unless the endpoint opted out explicitly; a failure ends in
        // errorOccurred(SslHandshakeFailedError), recorded as `tls`.
        if (!target.tlsConfig.isNull())
            socket->setSslConfiguration(target.tlsConfig);
        else
            socket->setPeerVerifyMode(target.verifyTls ? QSslSocket::VerifyPeer
                                                       : QSslSocket::VerifyNone);
        connect(socket, &QSslSocket::encrypted, this, &HttpConnection::onEstablished);
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            m_tlsErrors = TlsErrorText::explainAll(errors, m_target.host);
        });
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onEstablished);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onSocketError);
}

HttpConnection::~HttpConnection() {
    if (m_tcp) {
        m_tcp->abort();
        return;
    }
    m_socket->disconnect(this);
    m_socket->abort();
    closeWatch();
}

bool HttpConnection::isConnected() const {
    return m_tcp ? m_tcp->isConnected() : m_socket->state() == QAbstractSocket::ConnectedState;
}

bool HttpConnection::isReusable() const {
    return !m_broken && !m_sink && m_established && m_parser.isComplete() && m_parser.keepAlive() &&
           isConnected();
}

void HttpConnection::writeRequest(const QByteArray& request) {
    if (m_tcp)
        m_tcp->write(request);
    else
        m_socket->write(request);
}

void HttpConnection::send(const QByteArray& request, HttpResponseSink* sink) {
    m_sink = sink;
    m_parser = HttpResponseParser();
    ++m_served;
    if (m_established) {
        writeRequest(request);
        m_sink->onConnectionReady();
        return;
    }
    m_pending = request;
    if (m_tcp) {
        if (m_tcp->isIdle())
            m_tcp->connectToHost(m_target.host, m_target.port);
        return;
    }
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        return;
    if (m_target.tls)
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_target.host, m_target.port);
    else // Unbuffered: read() goes straight to the kernel, no ioctl + ring-buffer copy
        m_socket->connectToHost(m_target.host, m_target.port,
                                QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void HttpConnection::onEstablished() {
    m_established = true;
    // Requests go out in one write; no point letting Nagle hold the tail back.
    if (m_socket) {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        watchSocket();
    }
    if (m_pending.isEmpty() || !m_sink)
        return;
    writeRequest(m_pending);
    m_pending.clear();
    m_sink->onConnectionReady();
}

void HttpConnection::onReadyRead() {
    const qint64 now = MonotonicClock::nowNs(); // before reading: the arrival time
    QByteArray bytes;
    bool closed = false; // unbuffered reads report the peer's close here, not by signal
    if (m_target.tls) {
        bytes = m_socket->readAll();
    } else {
        // One read into a reused buffer (the socket is unbuffered); again only if it
        // came back full.
        constexpr qsizetype kReadChunk = 64 * 1024;
        if (m_readBuffer.size() != kReadChunk)
            m_readBuffer.resize(kReadChunk);
        qsizetype total = 0;
        for (;;) {
            const qint64 got = m_socket->read(m_readBuffer.data() + total, kReadChunk - total);
            closed = got < 0;
            if (got <= 0)
                break;
            total += qsizetype(got);
            if (total < kReadChunk)
                break;
            bytes.append(m_readBuffer.constData(), total);
            total = 0;
        }
        if (bytes.isEmpty())
            bytes = QByteArray::fromRawData(m_readBuffer.constData(), total);
        else
            bytes.append(m_readBuffer.constData(), total);
    }
    if (!bytes.isEmpty())
        consume(now, bytes);
    if (closed)
        onSocketError();
}

void HttpConnection::onTcpConnected() {
    onEstablished();
}

void HttpConnection::onTcpReceived(qint64 arrivalNs, QByteArrayView bytes) {
    consume(arrivalNs, bytes);
}

void HttpConnection::onTcpEnded(qint64 nowNs, QAbstractSocket::SocketError error,
                                const QString& message, bool reset) {
    onClosed(nowNs, error, message, reset);
}

void HttpConnection::consume(qint64 now, QByteArrayView bytes) {
    if (!m_sink) {
        // Nothing should arrive between responses: the connection is not ours to trust.
        m_broken = true;
        Q_EMIT lostWhileIdle();
        return;
    }
    HttpResponseParser::Output out;
    m_parser.feed(bytes, &out);
    if (out.headComplete) {
        m_sink->onResponseHead(now, m_parser);
        if (!m_sink)
            return; // the sink finished (and released us) while handling the head
    }
    // Each piece is a view of `bytes`, handed on without a copy; the decoder gives the same
    // result whether a read's body comes whole or in pieces.
    for (const QByteArrayView piece : out.body) {
        m_sink->onResponseBody(piece, now);
        if (!m_sink)
            return; // the sink finished (and released us) while handling the body
    }
    if (out.failed) {
        m_broken = true;
        end(now, QNetworkReply::ProtocolFailure, u"malformed HTTP response: " + out.error);
    } else if (out.complete) {
        end(now, QNetworkReply::NoError, QString());
    }
}

void HttpConnection::onSocketError() {
    const qint64 now = MonotonicClock::nowNs();
    const QAbstractSocket::SocketError error = m_socket->error();
    const bool closed = m_socket->state() != QAbstractSocket::ConnectedState ||
                        error == QAbstractSocket::RemoteHostClosedError;
    if (!closed)
        return; // e.g. a transient error reported with the socket still up
    // Data that arrived with the close is read before the close is judged. (Only a
    // buffered TLS socket can hold some: plain TCP is unbuffered and read to its end.)
    if (m_sink && m_target.tls && m_socket->bytesAvailable() > 0) {
        onReadyRead();
        if (!m_sink)
            return;
    }
    onClosed(now, error, m_socket->errorString(), takePeerReset());
}

void HttpConnection::watchSocket() {
#ifdef Q_OS_LINUX
    // Qt reads a reset (ECONNRESET) as an end of file and closes its descriptor at once, so
    // its error cannot tell a RST from a FIN. A duplicate of the descriptor keeps the socket
    // alive past Qt's close, long enough to ask the kernel which of the two it was.
    closeWatch();
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0)
        m_watchFd = ::fcntl(int(fd), F_DUPFD_CLOEXEC, 0);
#endif
}

bool HttpConnection::takePeerReset() {
    bool reset = false;
#ifdef Q_OS_LINUX
    tcp_info info{};
    socklen_t length = sizeof info;
    // After the peer's FIN the socket waits for our close (CLOSE_WAIT); after its RST it is
    // closed already (TCP_CLOSE).
    if (m_watchFd >= 0 && ::getsockopt(m_watchFd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0)
        reset = info.tcpi_state == TCP_CLOSE;
#endif
    closeWatch();
    return reset;
}

void HttpConnection::closeWatch() {
#ifdef Q_OS_LINUX
    if (m_watchFd >= 0)
        ::close(m_watchFd);
#endif
    m_watchFd = -1;
}

void HttpConnection::onClosed(qint64 now, QAbstractSocket::SocketError error,
                              const QString& socketMessage, bool reset) {
    m_broken = true;
    if (!m_sink) {
        Q_EMIT lostWhileIdle();
        return;
    }
    // The socket decides the class (README, error classes): a reset (RST) is a connection
    // lost, whatever the framing; an orderly close (FIN) ends a close-delimited body, and
    // cuts any other one short: a truncated stream, judged as such by the tracker (success
    // only after the finish chunk, else bad_stream). Before any byte of the response a close
    // stays an error, so a stale keep-alive connection is retried.
    const bool orderly = !reset && (error == QAbstractSocket::RemoteHostClosedError ||
                                    error == QAbstractSocket::UnknownSocketError);
    if ((!reset && m_parser.finishOnClose()) ||
        (orderly && m_established && m_parser.receivedAnything())) {
        end(now, QNetworkReply::NoError, QString());
        return;
    }
    // A server that wants a client certificate ends the handshake with an alert, which
    // Qt reports as whatever error the socket saw next: name it.
    const QString alert = m_target.tls ? TlsErrorText::explainAlert(socketMessage) : QString();
    if (!alert.isEmpty()) {
        end(now, QNetworkReply::SslHandshakeFailedError, u"TLS handshake failed: " + alert);
        return;
    }
    QNetworkReply::NetworkError code = QNetworkReply::UnknownNetworkError;
    QString message = socketMessage;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        code = QNetworkReply::ConnectionRefusedError;
        break;
    case QAbstractSocket::HostNotFoundError:
        code = QNetworkReply::HostNotFoundError;
        break;
    case QAbstractSocket::SocketTimeoutError:
        code = QNetworkReply::TimeoutError;
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        code = QNetworkReply::SslHandshakeFailedError;
        if (!m_tlsErrors.isEmpty())
            message = u"TLS handshake failed: " + m_tlsErrors;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        code = QNetworkReply::RemoteHostClosedError;
        break;
    default:
        // A close with no error reported (e.g. disconnected() after a clean FIN) while
        // the response framing is still open is a cut stream, as for Qt's stack.
        code = m_established ? QNetworkReply::RemoteHostClosedError
                             : QNetworkReply::ConnectionRefusedError;
        break;
    }
    if (message.isEmpty() || code == QNetworkReply::RemoteHostClosedError)
        message = !m_established ? message
                  : reset        ? QStringLiteral("the server reset the connection (TCP RST)")
                                 : QStringLiteral("the server closed the connection");
    if (m_target.tls && m_established && !wasReused() && !m_parser.receivedAnything() &&
        m_target.tlsConfig.localCertificate().isNull())
        // TLS 1.3 servers check the client's certificate after the handshake.
        message += QStringLiteral(" right after the TLS handshake (a server that requires a "
                                  "client certificate does this: give one with --client-cert "
                                  "FILE --client-key FILE)");
    end(now, code, message);
}

void HttpConnection::end(qint64 nowNs, QNetworkReply::NetworkError error, const QString& message) {
    HttpResponseSink* sink = m_sink;
    m_sink = nullptr;
    m_pending.clear();
    sink->onResponseEnd(nowNs, error, message);
}

void HttpConnection::abort() {
    m_sink = nullptr;
    m_pending.clear();
    m_broken = true;
    if (m_tcp) {
        m_tcp->abort();
        return;
    }
    m_socket->disconnect(this);
    m_socket->abort();
    closeWatch(); // else the duplicate would keep the connection open
}
