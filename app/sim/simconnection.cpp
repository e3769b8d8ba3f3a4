#include "sim/simconnection.h"

#include "common/monotonicclock.h"
#include "sim/simhttpstatus.h"
#include "sim/simrouter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#endif

namespace {
// A reader this far behind is not reading: close rather than buffer without bound.
constexpr qint64 kMaxPendingWrite = 4 * 1024 * 1024;
// Pipelined bytes held while a response is under way.
constexpr qsizetype kMaxBuffered = SimHttpParser::kMaxBodyBytes + SimHttpParser::kMaxHeaderBytes;
} // namespace

SimConnection::SimConnection(qintptr descriptor, SimRouter* router, QObject* parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
    , m_router(router)
    , m_lastActivityNs(MonotonicClock::nowNs()) {
    connect(m_socket, &QTcpSocket::readyRead, this, &SimConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &SimConnection::onDisconnected);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        m_gone = true;
        deleteLater();
        return;
    }
    // Every token is a small write that must leave now, not wait for Nagle.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

SimConnection::~SimConnection() {
    if (m_sequence)
        m_router->connectionLost(m_sequence, QStringLiteral("client_disconnect"));
    m_sequence = nullptr;
}

bool SimConnection::isOpen() const {
    return !m_gone && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void SimConnection::onReadyRead() {
    if (!m_socket)
        return;
    m_lastActivityNs = MonotonicClock::nowNs();
    m_parser.append(m_socket->readAll());
    if (m_parser.bufferedBytes() > kMaxBuffered) {
        abortConnection();
        return;
    }
    processBuffered();
}

void SimConnection::processBuffered() {
    while (!m_busy && !m_stalled && !m_closing && !m_gone) {
        const SimHttpParser::State state = m_parser.parse();
        if (state == SimHttpParser::State::NeedMore)
            return;
        if (state == SimHttpParser::State::HeadersDone) {
            // curl waits for this before sending a large body.
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            continue;
        }
        if (state == SimHttpParser::State::Error) {
            m_busy = true;
            m_keepAlive = false;
            m_headOnly = false;
            sendError(m_parser.errorStatus(), "invalid_request_error",
                      QString::fromLatin1(m_parser.errorMessage()));
            return;
        }
        SimHttpRequest request = m_parser.take();
        m_busy = true;
        m_keepAlive = request.keepAlive;
        m_headOnly = request.method == "HEAD";
        m_router->handle(this, request);
    }
}

// RFC 9110: a server with a clock sends Date; a sharded run estimates its clock offset from it
// (issue 15). Formatted once a second per thread.
static QByteArray httpDate() {
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != second) {
        second = now;
        text = QLocale::c()
                   .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                   .toLatin1();
    }
    return text;
}

QByteArray SimConnection::head(int status, const char* contentType, qint64 length,
                               const Headers& extra) {
    QByteArray h = "HTTP/1.1 " + QByteArray::number(status) + ' ' + SimHttpStatus::reason(status) +
                   "\r\nServer: plateau-sim\r\nDate: " + httpDate() +
                   "\r\nContent-Type: " + contentType + "\r\n";
    if (length >= 0)
        h += "Content-Length: " + QByteArray::number(length) + "\r\n";
    else
        h += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\nX-Accel-Buffering: no\r\n";
    for (const auto& [name, value] : extra)
        h += name + ": " + value + "\r\n";
    h += m_keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    return h;
}

void SimConnection::sendJson(int status, const QByteArray& body, const Headers& extra) {
    sendBody(status, "application/json", body, extra);
}

void SimConnection::sendBody(int status, const char* contentType, const QByteArray& body,
                             const Headers& extra) {
    if (!m_busy)
        return;
    // HEAD: the same headers (Content-Length included), no body.
    write(m_headOnly ? head(status, contentType, body.size(), extra)
                     : head(status, contentType, body.size(), extra) + body);
    responseComplete();
}

void SimConnection::sendError(int status, const char* type, const QString& message,
                              const Headers& extra) {
    const QJsonObject error{{QStringLiteral("message"), message},
                            {QStringLiteral("type"), QString::fromLatin1(type)},
                            {QStringLiteral("code"), status}};
    sendJson(
        status,
        QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact),
        extra);
}

void SimConnection::beginStream(const Headers& extra, const char* contentType) {
    write(head(200, contentType, -1, extra));
}

bool SimConnection::write(const QByteArray& bytes) {
    if (m_gone || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    const char* data = bytes.constData();
    qsizetype left = bytes.size();
#ifdef Q_OS_UNIX
    // Straight to the kernel while Qt holds nothing back for this socket: QTcpSocket's
    // write + flush toggles the socket's write notifier twice per call, which costs more
    // than the send itself when a step writes to thousands of sockets. The send time is
    // then the measured time. What the kernel will not take now goes to Qt's buffer.
    if (m_socket->bytesToWrite() == 0) {
        const int fd = int(m_socket->socketDescriptor());
        while (left > 0) {
            const ssize_t n = ::send(fd, data, size_t(left), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                data += n;
                left -= n;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                break;
            } else {
                abortConnection(); // the peer is gone (EPIPE, ECONNRESET)
                return false;
            }
        }
        if (left == 0)
            return true;
    }
#endif
    m_socket->write(data, left);
    if (!m_socket || m_gone)
        return false;
    if (m_socket->bytesToWrite() > kMaxPendingWrite) {
        m_slowClient = true;
        abortConnection();
        return false;
    }
    return true;
}

void SimConnection::responseComplete() {
    if (m_gone)
        return;
    m_busy = false;
    m_sequence = nullptr;
    m_lastActivityNs = MonotonicClock::nowNs();
    if (!m_keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // flushes what is left, then closes
        return;
    }
    if (m_parser.hasBufferedBytes()) // pipelined: answer it from the event loop, not from here
        QMetaObject::invokeMethod(this, &SimConnection::processBuffered, Qt::QueuedConnection);
}

void SimConnection::abortConnection() {
    if (m_gone || !m_socket)
        return;
    m_closing = true;
#ifdef Q_OS_LINUX
    // A real reset (RST), as a crashed worker or a proxy gives: linger 0 makes close() send
    // RST instead of FIN. The client classes a reset `reset` and a FIN mid-stream `bad_stream`.
    const struct linger noLinger { 1, 0 };
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger,
                 sizeof noLinger);
#endif
    m_socket->abort(); // emits disconnected(): cleanup happens there
    if (!m_gone)
        onDisconnected();
}

void SimConnection::stall() {
    m_stalled = true;
    m_sequence = nullptr;
    m_lastActivityNs = MonotonicClock::nowNs();
}

void SimConnection::detachSequence(SimSequence* sequence) {
    if (m_sequence == sequence)
        m_sequence = nullptr;
}

void SimConnection::onDisconnected() {
    if (m_gone)
        return;
    m_gone = true;
    if (m_sequence) {
        SimSequence* s = m_sequence;
        m_sequence = nullptr;
        m_router->connectionLost(s, m_slowClient ? QStringLiteral("slow_client")
                                                 : QStringLiteral("client_disconnect"));
    }
    deleteLater();
}
