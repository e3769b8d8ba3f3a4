#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <memory>

// A tiny HTTP/1.1 server on 127.0.0.1:0 for the request-level tests: after reading a
// request it plays a script of (delay, bytes) steps on the socket, then optionally
// closes. It lets a test produce exactly the stream a timeout or grace path needs.
// With useTls() before listen() it speaks HTTPS with the given certificate.
class ScriptedServer : public QObject {
    Q_OBJECT
public:
    struct Step {
        int delayMs = 0;
        QByteArray bytes;
        bool reset = false; // after writing: abort with a TCP RST (SO_LINGER 0)
    };

    explicit ScriptedServer(QObject* parent = nullptr);
    ~ScriptedServer() override;
    // PEM files; false if they cannot be read.
    bool useTls(const QString& certificatePath, const QString& keyPath);
    bool listen();
    quint16 port() const { return m_server->serverPort(); }
    void setScript(const QList<Step>& steps, bool closeAtEnd);
    int requestsSeen() const { return m_requests; }
    int clientDisconnects() const { return m_disconnects; }
    int connectionsSeen() const { return m_connections; }
    // The last complete request: its head (request line and headers) and its body.
    QByteArray lastRequestHead() const { return m_lastHead; }
    QByteArray lastRequestBody() const { return m_lastBody; }

    // Helpers for building a chunked SSE response.
    static QByteArray head();
    static QByteArray chunk(const QByteArray& payload);
    static QByteArray event(const QByteArray& json) { return chunk("data: " + json + "\n\n"); }
    static QByteArray content(const QString& text);
    static QByteArray finishEvent();
    static QByteArray done() { return chunk("data: [DONE]\n\n"); }
    static QByteArray lastChunk() { return QByteArrayLiteral("0\r\n\r\n"); }

private:
    void onConnection();
    void play(QTcpSocket* socket, int step);

    std::unique_ptr<QTcpServer> m_server;
    QList<Step> m_steps;
    bool m_closeAtEnd = true;
    int m_requests = 0;
    int m_disconnects = 0;
    int m_connections = 0;
    QByteArray m_lastHead;
    QByteArray m_lastBody;
};
