#include "simtestclient.h"

#include "common/monotonicclock.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

QByteArray SimTestResponse::header(const QByteArray& lowerName) const {
    for (const auto& h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

int SimTestResponse::contentEvents() const {
    int n = 0;
    for (const QByteArray& e : events) {
        const QJsonObject o = QJsonDocument::fromJson(e).object();
        const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty())
            continue;
        const QJsonObject c = choices.first().toObject();
        const QString text = c.contains(QStringLiteral("delta"))
                                 ? c.value(QStringLiteral("delta"))
                                       .toObject()
                                       .value(QStringLiteral("content"))
                                       .toString()
                                 : c.value(QStringLiteral("text")).toString();
        if (!text.isEmpty())
            ++n;
    }
    return n;
}

SimTestClient::SimTestClient(quint16 port, QObject* parent)
    : QObject(parent)
    , m_port(port) {
    m_idle.setSingleShot(true);
    m_idle.setInterval(30000);
    connect(&m_socket, &QTcpSocket::readyRead, this, &SimTestClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &SimTestClient::onDisconnected);
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_socket.write(m_pendingSend);
        m_pendingSend.clear();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    connect(&m_idle, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        m_socket.abort();
        if (m_current)
            finishCurrent(false, MonotonicClock::nowNs());
        Q_EMIT failed();
    });
}

SimTestClient::~SimTestClient() {
    // The socket outlives the timer (members die in reverse order): silence it first.
    m_socket.disconnect(this);
    m_socket.abort();
}

QByteArray SimTestClient::postRequest(const QByteArray& path, const QByteArray& json,
                                      const QByteArray& extraHeaders, bool keepAlive) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           extraHeaders + (keepAlive ? "" : "Connection: close\r\n") +
           "Content-Length: " + QByteArray::number(json.size()) + "\r\n\r\n" + json;
}

QByteArray SimTestClient::getRequest(const QByteArray& path, bool keepAlive) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           (keepAlive ? QByteArray() : QByteArray("Connection: close\r\n")) + "\r\n";
}

QByteArray SimTestClient::chatBody(int maxTokens, bool stream, bool usage, int promptWords) {
    QStringList words;
    for (int i = 0; i < promptWords; ++i)
        words.append(QStringLiteral("w%1").arg(i));
    QJsonObject o{{QStringLiteral("model"), QStringLiteral("test-model")},
                  {QStringLiteral("messages"),
                   QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), words.join(u' ')}}}},
                  {QStringLiteral("stream"), stream}};
    if (maxTokens > 0)
        o.insert(QStringLiteral("max_tokens"), maxTokens);
    if (usage)
        o.insert(QStringLiteral("stream_options"),
                 QJsonObject{{QStringLiteral("include_usage"), true}});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray SimTestClient::chatBody(const QJsonArray& messages, int maxTokens, bool stream,
                                   const QJsonObject& extra) {
    QJsonObject o = extra;
    o.insert(QStringLiteral("model"), QStringLiteral("test-model"));
    o.insert(QStringLiteral("messages"), messages);
    o.insert(QStringLiteral("stream"), stream);
    if (maxTokens > 0)
        o.insert(QStringLiteral("max_tokens"), maxTokens);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SimTestResponse SimTestClient::exchange(quint16 port, const QByteArray& raw, int timeoutMs) {
    SimTestClient client(port);
    client.send(raw);
    client.waitForResponses(1, timeoutMs);
    return client.responses().isEmpty() ? SimTestResponse{} : client.responses().first();
}

void SimTestClient::send(const QByteArray& rawRequest) {
    ++m_expected;
    m_sendNs = MonotonicClock::nowNs();
    m_idle.start();
    sendRaw(rawRequest);
}

void SimTestClient::sendRaw(const QByteArray& bytes) {
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(bytes);
        return;
    }
    m_pendingSend += bytes;
    if (m_socket.state() == QAbstractSocket::UnconnectedState) {
        m_disconnected = false;
        m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    }
}

bool SimTestClient::waitForResponses(int count, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (m_responses.size() < count && !m_timedOut && timer.elapsed() < timeoutMs) {
        if (m_disconnected && m_responses.size() < count)
            return false;
        QSignalSpy spy(this, &SimTestClient::responseFinished);
        spy.wait(int(qMax<qint64>(1, timeoutMs - timer.elapsed())));
    }
    return m_responses.size() >= count;
}

bool SimTestClient::waitForDisconnect(int timeoutMs) {
    if (m_disconnected)
        return true;
    QSignalSpy spy(&m_socket, &QTcpSocket::disconnected);
    spy.wait(timeoutMs);
    return m_disconnected;
}

void SimTestClient::onReadyRead() {
    const qint64 now = MonotonicClock::nowNs(); // before parsing, as the real client does
    m_buffer += m_socket.readAll();
    if (m_expected > m_responses.size())
        m_idle.start();
    while (parse(now)) {
    }
}

void SimTestClient::onDisconnected() {
    if (m_disconnected)
        return;
    m_disconnected = true;
    m_idle.stop();
    if (m_current) {
        // A body delimited by the close is complete; anything else was cut short.
        const bool complete = !m_chunked && m_contentLength < 0 && m_inBody;
        finishCurrent(complete, MonotonicClock::nowNs());
        if (!complete)
            Q_EMIT failed();
    }
}

bool SimTestClient::parse(qint64 nowNs) {
    if (!m_current) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        m_building = SimTestResponse{};
        const QList<QByteArray> status = lines.first().trimmed().split(' ');
        m_building.status = status.size() > 1 ? status[1].toInt() : -1;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                m_building.headers.append(
                    {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
        }
        if (m_building.status == 100)
            return true; // interim response
        m_building.headersNs = nowNs;
        m_current = &m_building;
        m_chunked = m_building.header("transfer-encoding").toLower() == "chunked";
        const QByteArray length = m_building.header("content-length");
        m_contentLength = length.isEmpty() ? -1 : length.toLongLong();
        m_chunkRemaining = -1;
        m_inBody = true;
        m_sse.clear();
        if (!m_chunked && m_contentLength == 0) {
            finishCurrent(true, nowNs);
        }
        return true;
    }
    if (m_chunked) {
        if (m_chunkRemaining < 0) {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0)
                return false;
            bool ok = false;
            const qint64 size = m_buffer.left(eol).trimmed().toLongLong(&ok, 16);
            if (!ok)
                return false;
            if (size == 0) {
                if (m_buffer.size() < eol + 4)
                    return false;
                m_buffer.remove(0, eol + 4); // "0\r\n\r\n"
                finishCurrent(true, nowNs);
                return true;
            }
            m_buffer.remove(0, eol + 2);
            m_chunkRemaining = size;
            return true;
        }
        if (m_chunkRemaining == 0) {
            if (m_buffer.size() < 2)
                return false;
            m_buffer.remove(0, 2);
            m_chunkRemaining = -1;
            return true;
        }
        if (m_buffer.isEmpty())
            return false;
        const qsizetype take = qsizetype(qMin<qint64>(m_chunkRemaining, m_buffer.size()));
        m_current->body += m_buffer.left(take);
        m_sse += m_buffer.left(take);
        m_buffer.remove(0, take);
        m_chunkRemaining -= take;
        extractEvents(nowNs);
        return true;
    }
    if (m_contentLength >= 0) {
        const qsizetype take =
            qsizetype(qMin<qint64>(m_contentLength - m_current->body.size(), m_buffer.size()));
        m_current->body += m_buffer.left(take);
        m_buffer.remove(0, take);
        if (m_current->body.size() == m_contentLength) {
            finishCurrent(true, nowNs);
            return true;
        }
        return false;
    }
    m_current->body += m_buffer;
    m_buffer.clear();
    return false;
}

void SimTestClient::extractEvents(qint64 nowNs) {
    qsizetype end;
    while ((end = m_sse.indexOf("\n\n")) >= 0) {
        const QByteArray event = m_sse.left(end);
        m_sse.remove(0, end + 2);
        if (event.startsWith("data: ")) {
            m_current->events.append(event.mid(6));
            m_current->eventNs.append(nowNs);
        }
    }
}

void SimTestClient::finishCurrent(bool complete, qint64 nowNs) {
    m_current->complete = complete;
    m_current->endNs = nowNs;
    m_responses.append(*m_current);
    m_current = nullptr;
    m_inBody = false;
    if (m_expected <= m_responses.size())
        m_idle.stop();
    Q_EMIT responseFinished();
}
