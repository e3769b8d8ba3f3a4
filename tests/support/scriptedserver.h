#pragma once

#include "misbehavingserver.h"

#include <QByteArray>
#include <QList>
#include <QObject>

// The request-level tests' view of the shared MisbehavingServer (tests/support): after
// reading a request it plays a script of (delay, bytes) steps, each optionally ended by a
// real TCP reset, then optionally closes (an orderly FIN). With useTls() before listen() it
// speaks HTTPS with the given certificate.
class ScriptedServer : public QObject {
    Q_OBJECT
public:
    struct Step {
        int delayMs = 0;
        QByteArray bytes;
        bool reset = false; // after writing: abort with a TCP RST (SO_LINGER 0)
    };

    explicit ScriptedServer(QObject* parent = nullptr);
    // PEM files; false if they cannot be read.
    bool useTls(const QString& certificatePath, const QString& keyPath) {
        return m_server.useTls(certificatePath, keyPath);
    }
    bool listen() { return m_server.listen(); }
    quint16 port() const { return m_server.port(); }
    void setScript(const QList<Step>& steps, bool closeAtEnd);
    int requestsSeen() const { return m_server.requestsSeen(); }
    int clientDisconnects() const { return m_server.clientDisconnects(); }
    int connectionsSeen() const { return m_server.connectionsSeen(); }
    // The last complete request: its head (request line and headers) and its body.
    QByteArray lastRequestHead() const;
    QByteArray lastRequestBody() const;

    // Helpers for building a chunked SSE response.
    static QByteArray head() { return MisbehavingServer::sseHead(); }
    static QByteArray chunk(const QByteArray& payload) { return MisbehavingServer::chunk(payload); }
    static QByteArray event(const QByteArray& json) { return MisbehavingServer::event(json); }
    static QByteArray content(const QString& text) { return MisbehavingServer::content(text); }
    static QByteArray finishEvent() { return MisbehavingServer::finishEvent(); }
    static QByteArray done() { return MisbehavingServer::done(); }
    static QByteArray lastChunk() { return MisbehavingServer::lastChunk(); }

private:
    MisbehavingServer m_server;
};
