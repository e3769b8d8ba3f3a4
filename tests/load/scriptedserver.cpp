#include "scriptedserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTimer>
#include <memory>
#include <sys/socket.h>

ScriptedServer::ScriptedServer(QObject* parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>()) {}

ScriptedServer::~ScriptedServer() = default;

bool ScriptedServer::useTls(const QString& certificatePath, const QString& keyPath) {
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
    return true;
}

bool ScriptedServer::listen() {
    connect(m_server.get(), &QTcpServer::newConnection, this, &ScriptedServer::onConnection);
    // QSslServer (6.4) announces a socket only once its handshake is done, with this
    // signal rather than newConnection(); onConnection() drains the queue either way.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &ScriptedServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

void ScriptedServer::setScript(const QList<Step>& steps, bool closeAtEnd) {
    m_steps = steps;
    m_closeAtEnd = closeAtEnd;
}

void ScriptedServer::onConnection() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        ++m_connections;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            ++m_disconnects;
            socket->deleteLater();
        });
        auto buffer = std::make_shared<QByteArray>();
        const auto onData = [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            // Headers complete; the body (Content-Length) is read and ignored.
            const qsizetype lengthAt = buffer->toLower().indexOf("content-length:");
            qsizetype length = 0;
            if (lengthAt >= 0 && lengthAt < end) {
                const qsizetype lineEnd = buffer->indexOf("\r\n", lengthAt);
                length = buffer->mid(lengthAt + 15, lineEnd - lengthAt - 15).trimmed().toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return;
            m_lastHead = buffer->left(end);
            m_lastBody = buffer->mid(end + 4, length);
            buffer->clear();
            ++m_requests;
            play(socket, 0);
        };
        connect(socket, &QTcpSocket::readyRead, this, onData);
        // A TLS socket is handed over after its handshake: the request may already be
        // waiting, its readyRead gone by.
        if (socket->bytesAvailable() > 0)
            onData();
    }
}

void ScriptedServer::play(QTcpSocket* socket, int step) {
    QPointer<QTcpSocket> guard(socket);
    if (step >= m_steps.size()) {
        if (m_closeAtEnd)
            socket->disconnectFromHost();
        return;
    }
    QTimer::singleShot(m_steps.at(step).delayMs, this, [this, guard, step] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        guard->write(m_steps.at(step).bytes);
        guard->flush();
        if (m_steps.at(step).reset) {
            // Linger 0: close() sends RST instead of FIN, a real "connection reset".
            const struct linger noLinger { 1, 0 };
            ::setsockopt(int(guard->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger,
                         sizeof noLinger);
            guard->abort();
            return;
        }
        play(guard.data(), step + 1);
    });
}

QByteArray ScriptedServer::head() {
    return QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n");
}

QByteArray ScriptedServer::chunk(const QByteArray& payload) {
    return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
}

QByteArray ScriptedServer::content(const QString& text) {
    const QJsonObject delta{{QStringLiteral("content"), text}};
    const QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("delta"), delta}};
    const QJsonObject chunkObject{{QStringLiteral("choices"), QJsonArray{choice}}};
    return event(QJsonDocument(chunkObject).toJson(QJsonDocument::Compact));
}

QByteArray ScriptedServer::finishEvent() {
    return event(
        QByteArrayLiteral(R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"));
}
