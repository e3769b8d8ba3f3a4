#include "scrapetestserver.h"

#include <QTcpSocket>

ScrapeTestServer::ScrapeTestServer(Responder responder, QObject* parent)
    : QObject(parent)
    , m_responder(std::move(responder)) {
    connect(&m_server, &QTcpServer::newConnection, this, &ScrapeTestServer::onConnection);
}

bool ScrapeTestServer::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScrapeTestServer::metricsUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server.serverPort()));
}

QByteArray ScrapeTestServer::ok(const QByteArray& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray ScrapeTestServer::status(int code, const QByteArray& reason) {
    return "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason + "\r\nContent-Length: 0\r\n\r\n";
}

quint16 ScrapeTestServer::refusingPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when probe goes
}

void ScrapeTestServer::onConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (qsizetype end = buffer->indexOf("\r\n\r\n"); end >= 0;
                 end = buffer->indexOf("\r\n\r\n")) {
                m_heads.append(buffer->left(end));
                buffer->remove(0, end + 4); // a GET has no body
                const QByteArray answer = m_responder(int(m_heads.size()) - 1);
                if (!answer.isEmpty())
                    socket->write(answer);
            }
        });
    }
}
