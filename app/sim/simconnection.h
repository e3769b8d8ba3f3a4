#pragma once

#include "sim/simhttpparser.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

class SimRouter;
struct SimSequence;

// One client connection: reads and parses requests, hands each to the router, writes the
// response. HTTP/1.1 keep-alive: requests on one connection are answered in order; a
// pipelined request waits in the parser until the current response is complete.
class SimConnection : public QObject {
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    SimConnection(qintptr descriptor, SimRouter* router, QObject* parent);
    ~SimConnection() override;
    bool isOpen() const;

    // Response writing (the router and the engine call these for the current request).
    void sendJson(int status, const QByteArray& body, const Headers& extra = {});
    void sendBody(int status, const char* contentType, const QByteArray& body,
                  const Headers& extra = {});
    void sendError(int status, const char* type, const QString& message, const Headers& extra = {});
    // 200, chunked, text/event-stream unless told (NDJSON for Ollama).
    void beginStream(const Headers& extra = {},
                     const char* contentType = "text/event-stream; charset=utf-8");
    bool write(const QByteArray& bytes); // false: the connection is gone
    void responseComplete(); // the current response is fully written: next request or close
    void abortConnection();  // reset, no more bytes (the "drop" fault)
    void stall();            // stop answering; the connection stays open until the client leaves

    void attachSequence(SimSequence* sequence) { m_sequence = sequence; }
    void detachSequence(SimSequence* sequence);
    qint64 lastActivityNs() const { return m_lastActivityNs; }
    // Nothing is being sent: idle between requests, mid-request, or stalled.
    bool isWaiting() const { return !m_busy || m_stalled; }

private:
    void onReadyRead();
    void onDisconnected();
    void processBuffered();
    QByteArray head(int status, const char* contentType, qint64 length, const Headers& extra);

    QPointer<QTcpSocket> m_socket;
    SimRouter* m_router;
    SimHttpParser m_parser;
    SimSequence* m_sequence = nullptr; // the engine's sequence answering the current request
    qint64 m_lastActivityNs = 0;
    bool m_busy = false;     // a response is under way
    bool m_keepAlive = true; // of the current request
    bool m_headOnly = false; // the current request is a HEAD: headers without the body
    bool m_stalled = false;
    bool m_closing = false;
    bool m_slowClient = false;
    bool m_gone = false;
};
