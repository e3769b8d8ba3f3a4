#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>
#include <QTimer>

// One HTTP response as a raw-socket client saw it, with arrival times (MonotonicClock).
struct SimTestResponse {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;                              // de-chunked
    QList<QByteArray> events;                     // SSE "data:" payloads, in order
    QList<qint64> eventNs;                        // arrival time of each event
    qint64 headersNs = -1;
    qint64 endNs = -1;
    bool complete = false; // the framing said the body ended (not a close, not a timeout)

    QByteArray header(const QByteArray& lowerName) const;
    int contentEvents() const; // events carrying a token (content or text non-empty)
};

// A deliberately plain HTTP/1.1 client on one QTcpSocket, for tests that must see the
// exact bytes and timing the simulator sends (no QNetworkAccessManager caps or retries).
// Several requests may be sent one after the other on the same connection.
class SimTestClient : public QObject {
    Q_OBJECT
public:
    explicit SimTestClient(quint16 port, QObject* parent = nullptr);
    ~SimTestClient() override;

    static QByteArray postRequest(const QByteArray& path, const QByteArray& json,
                                  const QByteArray& extraHeaders = {}, bool keepAlive = true);
    static QByteArray getRequest(const QByteArray& path, bool keepAlive = true);
    static QByteArray chatBody(int maxTokens, bool stream, bool usage, int promptWords = 3);
    // A chat body with these messages ({"role","content"} objects) and extra fields
    // (ignore_eos, min_tokens, ...); maxTokens <= 0: none.
    static QByteArray chatBody(const QJsonArray& messages, int maxTokens, bool stream,
                               const QJsonObject& extra = {});
    // One request on a fresh connection; the response (status 0 if none came).
    static SimTestResponse exchange(quint16 port, const QByteArray& raw, int timeoutMs = 10000);

    void send(const QByteArray& rawRequest); // connects first if needed
    void sendRaw(const QByteArray& bytes);   // bytes only, no response expected
    void close() { m_socket.abort(); }
    // Gives up when nothing arrives for this long while a response is expected.
    void setIdleTimeoutMs(int ms) { m_idle.setInterval(ms); }

    bool waitForResponses(int count, int timeoutMs);
    bool waitForDisconnect(int timeoutMs);
    const QList<SimTestResponse>& responses() const { return m_responses; }
    bool disconnected() const { return m_disconnected; }
    bool timedOut() const { return m_timedOut; }
    bool inProgress() const { return m_expected > m_responses.size() || m_current; }
    qint64 sendNs() const { return m_sendNs; }

Q_SIGNALS:
    void responseFinished();
    void failed(); // disconnected or timed out with a response pending

private:
    void onReadyRead();
    void onDisconnected();
    bool parse(qint64 nowNs); // false: needs more bytes
    void finishCurrent(bool complete, qint64 nowNs);
    void extractEvents(qint64 nowNs);

    QTcpSocket m_socket;
    QTimer m_idle;
    quint16 m_port;
    QByteArray m_pendingSend;
    QByteArray m_buffer;
    QByteArray m_sse; // body bytes not yet split into events
    QList<SimTestResponse> m_responses;
    SimTestResponse* m_current = nullptr;
    SimTestResponse m_building;
    qint64 m_contentLength = -1;
    qint64 m_chunkRemaining = -1; // -1: reading a chunk size line
    bool m_chunked = false;
    bool m_inBody = false;
    int m_expected = 0;
    qint64 m_sendNs = -1;
    bool m_disconnected = false;
    bool m_timedOut = false;
};
