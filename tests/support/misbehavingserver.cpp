#include "misbehavingserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>
#include <sys/socket.h>

namespace {
constexpr qsizetype kMaxRequestBytes = 16 * 1024 * 1024; // a test never sends more
constexpr qint64 kFloodPiece = 64 * 1024;
} // namespace

struct MisbehavingServer::Connection {
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    int floodStep = -1;   // the flood action being played
    qint64 floodLeft = 0; // its bytes still to write
};

MisbehavingServer::Action MisbehavingServer::Action::send(const QByteArray& bytes, int delayMs) {
    return {Kind::Send, delayMs, bytes, 0};
}
MisbehavingServer::Action MisbehavingServer::Action::reset(int delayMs) {
    return {Kind::Reset, delayMs, {}, 0};
}
MisbehavingServer::Action MisbehavingServer::Action::close(int delayMs) {
    return {Kind::Close, delayMs, {}, 0};
}
MisbehavingServer::Action MisbehavingServer::Action::stall() {
    return {Kind::Stall, 0, {}, 0};
}
MisbehavingServer::Action MisbehavingServer::Action::flood(const QByteArray& pattern,
                                                           qint64 totalBytes, int delayMs) {
    return {Kind::Flood, delayMs, pattern, totalBytes};
}

MisbehavingServer::MisbehavingServer(QObject* parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>()) {}

MisbehavingServer::~MisbehavingServer() {
    m_server->close();
}

bool MisbehavingServer::useTls(const QString& certificatePath, const QString& keyPath) {
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    return true;
}

bool MisbehavingServer::listen() {
    connect(m_server.get(), &QTcpServer::newConnection, this, &MisbehavingServer::onConnection);
    // QSslServer (6.4) announces a socket once its handshake is done, with this signal.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &MisbehavingServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 MisbehavingServer::port() const {
    return m_server->serverPort();
}

QUrl MisbehavingServer::baseUrl() const {
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port()));
}

void MisbehavingServer::setScript(const Script& script) {
    m_script = script;
}

void MisbehavingServer::onConnection() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        // No Nagle: a step's bytes leave at once, as a streaming server sends them (held back
        // waiting for an ACK, they would be thrown away by a reset that follows).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        ++m_connections;
        auto connection = std::make_shared<Connection>();
        connection->socket = socket;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            ++m_disconnects;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this,
                [this, connection] { onData(connection.get()); });
        connect(socket, &QTcpSocket::bytesWritten, this,
                [this, connection] { continueFlood(connection.get()); });
        if (auto* tls = qobject_cast<QSslSocket*>(socket))
            connect(tls, &QSslSocket::encryptedBytesWritten, this,
                    [this, connection] { continueFlood(connection.get()); });
        // A TLS socket is handed over after its handshake: the request may be waiting.
        if (socket->bytesAvailable() > 0)
            onData(connection.get());
    }
}

void MisbehavingServer::onData(Connection* connection) {
    QTcpSocket* socket = connection->socket;
    if (!socket)
        return;
    connection->buffer.append(socket->readAll());
    if (connection->buffer.size() > kMaxRequestBytes) {
        socket->abort();
        return;
    }
    for (;;) {
        const qsizetype end = connection->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        const QList<QByteArray> lines = connection->buffer.left(end).split('\n');
        for (const QByteArray& line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (connection->buffer.size() < end + 4 + length)
            return;
        m_requests.append(connection->buffer.left(end + 4 + length));
        connection->buffer.remove(0, end + 4 + length);
        play(connection, 0);
    }
}

void MisbehavingServer::play(Connection* connection, int step) {
    if (step >= m_script.size() || !connection->socket)
        return;
    const Action action = m_script.at(step);
    if (action.kind == Action::Kind::Stall)
        return; // held open: nothing more, ever
    QPointer<QTcpSocket> socket = connection->socket;
    QTimer::singleShot(action.delayMs, this, [this, socket, connection, step, action] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        switch (action.kind) {
        case Action::Kind::Send:
            socket->write(action.bytes);
            socket->flush();
            play(connection, step + 1);
            return;
        case Action::Kind::Reset: {
            socket->flush();
            // Linger 0: close() sends RST instead of FIN, a real "connection reset by peer".
            const struct linger noLinger { 1, 0 };
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger,
                         sizeof noLinger);
            socket->abort();
            return;
        }
        case Action::Kind::Close:
            // Everything written goes out first, then FIN: an orderly close.
            socket->disconnectFromHost();
            return;
        case Action::Kind::Flood:
            connection->floodStep = step;
            connection->floodLeft = action.floodBytes;
            continueFlood(connection);
            return;
        case Action::Kind::Stall:
            return;
        }
    });
}

void MisbehavingServer::continueFlood(Connection* connection) {
    QTcpSocket* socket = connection->socket;
    if (!socket || connection->floodStep < 0)
        return;
    // Only as fast as the client reads: a TLS socket buffers its encrypted bytes apart.
    const auto* tls = qobject_cast<QSslSocket*>(socket);
    if (socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0) > kFloodPiece)
        return;
    const QByteArray& pattern = m_script.at(connection->floodStep).bytes;
    if (connection->floodLeft > 0 && !pattern.isEmpty()) {
        QByteArray piece;
        const qint64 size = std::min(kFloodPiece, connection->floodLeft);
        piece.reserve(size);
        while (piece.size() < size)
            piece.append(pattern.left(size - piece.size()));
        socket->write(piece);
        connection->floodLeft -= piece.size();
        m_floodWritten += piece.size();
        return; // the rest when these bytes are written
    }
    const int next = connection->floodStep + 1;
    connection->floodStep = -1;
    play(connection, next);
}

QByteArray MisbehavingServer::sseHead(Framing framing) {
    if (framing == Framing::CloseDelimited)
        return QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                 "Connection: close\r\n\r\n");
    return QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n");
}

QByteArray MisbehavingServer::chunk(const QByteArray& payload) {
    return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
}

QByteArray MisbehavingServer::event(const QByteArray& json, Framing framing) {
    const QByteArray payload = "data: " + json + "\n\n";
    return framing == Framing::Chunked ? chunk(payload) : payload;
}

QByteArray MisbehavingServer::content(const QString& text, Framing framing) {
    const QJsonObject delta{{QStringLiteral("content"), text}};
    const QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("delta"), delta}};
    const QJsonObject chunkObject{{QStringLiteral("choices"), QJsonArray{choice}}};
    return event(QJsonDocument(chunkObject).toJson(QJsonDocument::Compact), framing);
}

QByteArray MisbehavingServer::finishEvent(Framing framing) {
    return event(
        QByteArrayLiteral(R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"),
        framing);
}

QByteArray MisbehavingServer::done(Framing framing) {
    return event("[DONE]", framing);
}

QByteArray MisbehavingServer::errorResponse(int status, const QByteArray& reason,
                                            const QByteArray& body) {
    return "HTTP/1.1 " + QByteArray::number(status) + " " + reason +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
