#include "transport/epolltcpsocket.h"

#include "common/monotonicclock.h"

#include <QHostInfo>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

EpollTcpSocket::EpollTcpSocket(EpollReactor* reactor, Listener* listener, QObject* parent)
    : QObject(parent)
    , m_reactor(reactor)
    , m_listener(listener) {}

EpollTcpSocket::~EpollTcpSocket() {
    abort();
}

void EpollTcpSocket::connectToHost(const QString& host, quint16 port) {
    if (m_state != State::Idle)
        return;
    m_port = port;
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_state = State::Connecting;
        m_addresses = {literal};
        connectNext(true);
        return;
    }
    // Names go through Qt's resolver (its cache included); the answer comes back here.
    m_state = State::Resolving;
    m_lookupId = QHostInfo::lookupHost(host, this, [this](const QHostInfo& info) {
        m_lookupId = -1;
        onResolved(info.addresses(),
                   info.error() == QHostInfo::NoError ? QString() : info.errorString());
    });
}

void EpollTcpSocket::onResolved(const QList<QHostAddress>& addresses, const QString& error) {
    if (m_state != State::Resolving)
        return;
    if (addresses.isEmpty()) {
        fail(QAbstractSocket::HostNotFoundError,
             error.isEmpty() ? QStringLiteral("Host not found") : error, false, false);
        return;
    }
    m_state = State::Connecting;
    m_addresses = addresses;
    connectNext(false);
}

void EpollTcpSocket::connectNext(bool deferFailure) {
#ifdef Q_OS_LINUX
    while (!m_addresses.isEmpty()) {
        const QHostAddress address = m_addresses.takeFirst();
        sockaddr_storage storage{};
        socklen_t length = 0;
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            auto* in = reinterpret_cast<sockaddr_in*>(&storage);
            in->sin_family = AF_INET;
            in->sin_port = htons(m_port);
            in->sin_addr.s_addr = htonl(address.toIPv4Address());
            length = sizeof(sockaddr_in);
        } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(m_port);
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
            in6->sin6_scope_id = address.scopeId().toUInt();
            length = sizeof(sockaddr_in6);
        } else {
            continue;
        }
        m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            m_lastConnectError = errno;
            continue;
        }
        // Requests go out in one write; no point letting Nagle hold the tail back.
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 &&
            errno != EINPROGRESS) {
            m_lastConnectError = errno;
            closeDescriptor();
            continue;
        }
        // Connected or in progress: writability says which, either way.
        m_id = m_reactor->add(m_fd, this, false, true);
        m_writeWatched = true;
        if (m_id < 0) {
            m_lastConnectError = errno;
            closeDescriptor();
            continue;
        }
        return;
    }
    failWithErrno(m_lastConnectError ? m_lastConnectError : ECONNREFUSED, deferFailure);
#endif
}

void EpollTcpSocket::write(const QByteArray& bytes) {
    if (m_state == State::Closed)
        return;
    m_pending.append(bytes); // flush() empties it once the kernel has taken all of it
    if (m_state == State::Connected)
        flush(true);
}

bool EpollTcpSocket::flush(bool deferFailure) {
#ifdef Q_OS_LINUX
    while (m_pendingSent < m_pending.size()) {
        const ssize_t sent =
            ::send(m_fd, m_pending.constData() + m_pendingSent,
                   size_t(m_pending.size() - m_pendingSent), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent > 0) {
            m_pendingSent += qsizetype(sent);
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            watchWritable(true); // the rest when the socket drains
            return true;
        }
        failWithErrno(sent < 0 ? errno : EPIPE, deferFailure);
        return false;
    }
    m_pending.clear();
    m_pendingSent = 0;
    watchWritable(false);
#endif
    return true;
}

// One epoll_ctl only when the interest changes: a request sent whole never asked for
// writability, and a no-op EPOLL_CTL_MOD after every send was a system call per request.
void EpollTcpSocket::watchWritable(bool writable) {
#ifdef Q_OS_LINUX
    if (writable == m_writeWatched)
        return;
    m_writeWatched = writable;
    m_reactor->update(m_id, true, writable);
#else
    Q_UNUSED(writable);
#endif
}

void EpollTcpSocket::onWritable() {
#ifdef Q_OS_LINUX
    if (m_state == State::Connected) {
        if (m_pending.isEmpty())
            watchWritable(false);
        else
            flush(false);
        return;
    }
    if (m_state != State::Connecting)
        return;
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0) {
        // Refused or unreachable: the next address, if the name had several.
        m_lastConnectError = error;
        closeDescriptor();
        connectNext(false);
        return;
    }
    m_state = State::Connected;
    m_addresses.clear();
    m_writeWatched = !m_pending.isEmpty();
    m_reactor->update(m_id, true, m_writeWatched);
    if (!m_pending.isEmpty() && !flush(false))
        return;
    m_listener->onTcpConnected();
#endif
}

void EpollTcpSocket::onReceived(qint64 arrivalNs, QByteArrayView bytes) {
    if (m_state == State::Connected)
        m_listener->onTcpReceived(arrivalNs, bytes);
}

void EpollTcpSocket::onReadEnded(qint64 arrivalNs, int error) {
    if (m_state != State::Connected)
        return;
    if (error == 0) // recv() returned 0: the peer's orderly close (FIN)
        fail(QAbstractSocket::RemoteHostClosedError,
             QStringLiteral("The remote host closed the connection"), false, false, arrivalNs);
    else
        failWithErrno(error, false, arrivalNs);
}

void EpollTcpSocket::abort() {
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeDescriptor();
    m_state = State::Closed;
    m_pending.clear();
    m_pendingSent = 0;
}

void EpollTcpSocket::closeDescriptor() {
#ifdef Q_OS_LINUX
    if (m_id >= 0)
        m_reactor->remove(m_id);
    m_id = -1;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
#endif
}

void EpollTcpSocket::failWithErrno(int osError, bool defer, qint64 nowNs) {
    fail(socketErrorFor(osError), QString::fromLocal8Bit(std::strerror(osError)), isReset(osError),
         defer, nowNs);
}

void EpollTcpSocket::fail(QAbstractSocket::SocketError error, const QString& message, bool reset,
                          bool defer, qint64 nowNs) {
    abort();
    const qint64 when = nowNs >= 0 ? nowNs : MonotonicClock::nowNs();
    if (!defer) {
        m_listener->onTcpEnded(when, error, message, reset);
        return;
    }
    // The caller is still inside connectToHost() or write(): report from the event loop,
    // unless it aborts first.
    m_state = State::Failing;
    QMetaObject::invokeMethod(
        this,
        [this, when, error, message, reset] {
            if (m_state != State::Failing)
                return;
            m_state = State::Closed;
            m_listener->onTcpEnded(when, error, message, reset);
        },
        Qt::QueuedConnection);
}

bool EpollTcpSocket::isReset(int error) {
#ifdef Q_OS_LINUX
    return error == ECONNRESET || error == EPIPE || error == ECONNABORTED;
#else
    Q_UNUSED(error);
    return false;
#endif
}

QAbstractSocket::SocketError EpollTcpSocket::socketErrorFor(int error) {
#ifdef Q_OS_LINUX
    switch (error) {
    case ECONNREFUSED:
        return QAbstractSocket::ConnectionRefusedError;
    case ECONNRESET:
    case EPIPE:
    case ECONNABORTED:
        return QAbstractSocket::RemoteHostClosedError;
    case ETIMEDOUT:
        return QAbstractSocket::SocketTimeoutError;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
        return QAbstractSocket::NetworkError;
    default:
        break;
    }
#else
    Q_UNUSED(error);
#endif
    return QAbstractSocket::UnknownSocketError;
}
