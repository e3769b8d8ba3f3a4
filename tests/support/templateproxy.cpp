#include "templateproxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <memory>

TemplateProxy::TemplateProxy(quint16 upstreamPort, int overheadWords, QSet<int> failingProbes,
                             QObject* parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
    , m_failingProbes(std::move(failingProbes)) {
    QByteArrayList words;
    for (int i = 0; i < overheadWords; ++i)
        words << "tmpl" + QByteArray::number(i);
    m_systemText = words.join(' ');
}

bool TemplateProxy::listen() {
    connect(&m_server, &QTcpServer::newConnection, this, &TemplateProxy::onConnection);
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TemplateProxy::onConnection() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        client->setParent(this);
        auto* upstream = new QTcpSocket(client); // lives and dies with its client
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        auto buffer = std::make_shared<QByteArray>();
        // Responses go back byte for byte; HTTP/1.1 without pipelining keeps them in order.
        connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client,
                [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream, buffer] {
            buffer->append(client->readAll());
            relay(client, upstream, buffer.get());
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

void TemplateProxy::relay(QTcpSocket* client, QTcpSocket* upstream, QByteArray* buffer) {
    for (;;) {
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer->left(headEnd);
        QByteArrayList lines = head.split('\n');
        qsizetype length = 0;
        for (qsizetype i = lines.size() - 1; i >= 1; --i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.toLower().startsWith("content-length:")) {
                length = line.mid(15).trimmed().toLongLong();
                lines.removeAt(i);
            }
        }
        if (buffer->size() < headEnd + 4 + length)
            return;
        const QByteArray body = buffer->mid(headEnd + 4, length);
        buffer->remove(0, headEnd + 4 + length);

        bool failProbe = false;
        const QByteArray newBody = rewriteBody(body, &failProbe);
        if (failProbe) {
            const QByteArray error = R"({"error":{"message":"template proxy: probe refused",)"
                                     R"("type":"server_error"}})";
            client->write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                          "application/json\r\nContent-Length: " +
                          QByteArray::number(error.size()) + "\r\n\r\n" + error);
            continue;
        }
        QByteArray out;
        for (const QByteArray& line : std::as_const(lines))
            out += line.trimmed() + "\r\n";
        out += "Content-Length: " + QByteArray::number(newBody.size()) + "\r\n\r\n" + newBody;
        upstream->write(out);
    }
}

QByteArray TemplateProxy::rewriteBody(const QByteArray& body, bool* failProbe) {
    QJsonObject object = QJsonDocument::fromJson(body).object();
    if (object.value(QLatin1String("max_tokens")).toInt() == 1) {
        ++m_probes;
        *failProbe = m_failingProbes.contains(m_probes);
    }
    if (!object.value(QLatin1String("messages")).isArray())
        return body;
    QJsonArray messages = object.value(QLatin1String("messages")).toArray();
    messages.prepend(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                 {QStringLiteral("content"), QString::fromLatin1(m_systemText)}});
    object.insert(QStringLiteral("messages"), messages);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
