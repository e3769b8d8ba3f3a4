#include "cannedhttpserver.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>

CannedHttpServer::CannedHttpServer(QObject* parent)
    : QObject(parent) {}

CannedHttpServer::~CannedHttpServer() {
    close();
}

bool CannedHttpServer::listen(bool tls) {
    if (tls) {
        QFile certFile(QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.crt"));
        QFile keyFile(QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.key"));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
        return listen(config);
    }
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &CannedHttpServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool CannedHttpServer::listen(const QSslConfiguration& tls) {
    auto* server = new QSslServer(this);
    server->setSslConfiguration(tls);
    m_server = server;
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &CannedHttpServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 CannedHttpServer::port() const {
    return m_server ? m_server->serverPort() : 0;
}

void CannedHttpServer::close() {
    if (m_server)
        m_server->close();
    const QList<QTcpSocket*> sockets = m_buffers.keys();
    for (QTcpSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_buffers.clear();
}

void CannedHttpServer::setResponse(const QByteArray& bytes, After after) {
    m_response = bytes;
    m_after = after;
}

void CannedHttpServer::setResponseFor(const QByteArray& path, const QByteArray& bytes) {
    m_responsesByPath.insert(path, bytes);
}

QByteArray CannedHttpServer::response(int status, const QByteArray& reason,
                                      const QByteArray& contentType, const QByteArray& body,
                                      bool chunked) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    if (chunked) {
        out += "Transfer-Encoding: chunked\r\n\r\n";
        if (!body.isEmpty())
            out += QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n";
        out += "0\r\n\r\n";
    } else {
        // Connection-close framing: the body ends when the server closes.
        out += "Connection: close\r\n\r\n" + body;
    }
    return out;
}

void CannedHttpServer::onConnection() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void CannedHttpServer::onReadyRead(QTcpSocket* socket) {
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return; // the body is still coming
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    m_requests.append(request);

    const qsizetype query = request.path.indexOf('?');
    const QByteArray path = query < 0 ? request.path : request.path.first(query);
    const QByteArray answer = m_responsesByPath.value(path, m_response);
    if (answer.isEmpty())
        return; // hang: never answer
    socket->write(answer);
    if (m_after == After::Close)
        socket->disconnectFromHost();
}
