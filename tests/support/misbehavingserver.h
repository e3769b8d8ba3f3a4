#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

// An HTTP/1.1 server for the transport tests that misbehaves on purpose, on 127.0.0.1 with
// a port the OS picks (TLS too, with useTls()). It keeps the raw bytes of every request it
// reads (so a test can see exactly what went on the wire) and answers each one by playing
// a script of actions on the socket:
//   send     bytes after a delay (a head, an event, an error body with escape sequences...)
//   reset    a real TCP reset: SO_LINGER {1, 0}, then close (the client sees ECONNRESET)
//   close    an orderly close: what was written goes out, then FIN (the client reads EOF)
//   stall    nothing more, the connection held open (the client's timeouts must act)
//   flood    a pattern repeated up to a byte count, as fast as the client reads: an endless
//            line, a huge header block
// A script that ends with send leaves the connection open for the next request (keep-alive).
class MisbehavingServer : public QObject {
    Q_OBJECT
public:
    struct Action {
        enum class Kind { Send, Reset, Close, Stall, Flood };
        Kind kind = Kind::Send;
        int delayMs = 0;
        QByteArray bytes;      // Send: written as is; Flood: the pattern
        qint64 floodBytes = 0; // Flood: how many bytes in all

        static Action send(const QByteArray& bytes, int delayMs = 0);
        static Action reset(int delayMs = 0);
        static Action close(int delayMs = 0);
        static Action stall();
        static Action flood(const QByteArray& pattern, qint64 totalBytes, int delayMs = 0);
    };
    using Script = QList<Action>;
    // How an event stream's body is framed.
    enum class Framing { Chunked, CloseDelimited };

    explicit MisbehavingServer(QObject* parent = nullptr);
    ~MisbehavingServer() override;

    // PEM files, before listen(); false if they cannot be read.
    bool useTls(const QString& certificatePath, const QString& keyPath);
    bool listen();
    quint16 port() const;
    QUrl baseUrl() const; // http(s)://127.0.0.1:PORT
    void setScript(const Script& script);

    // Every complete request read so far, as it came off the wire (head and body).
    QList<QByteArray> rawRequests() const { return m_requests; }
    QByteArray lastRawRequest() const {
        return m_requests.isEmpty() ? QByteArray() : m_requests.last();
    }
    int requestsSeen() const { return int(m_requests.size()); }
    int connectionsSeen() const { return m_connections; }
    int clientDisconnects() const { return m_disconnects; }
    qint64 floodBytesWritten() const { return m_floodWritten; }

    // --- Response builders.
    // 200 text/event-stream, chunked or close-delimited (no length: the close ends it).
    static QByteArray sseHead(Framing framing = Framing::Chunked);
    static QByteArray chunk(const QByteArray& payload);
    static QByteArray lastChunk() { return QByteArrayLiteral("0\r\n\r\n"); }
    // "data: JSON\n\n", framed.
    static QByteArray event(const QByteArray& json, Framing framing = Framing::Chunked);
    static QByteArray content(const QString& text, Framing framing = Framing::Chunked);
    static QByteArray finishEvent(Framing framing = Framing::Chunked);
    static QByteArray done(Framing framing = Framing::Chunked);
    // A complete JSON error answer with a Content-Length.
    static QByteArray errorResponse(int status, const QByteArray& reason, const QByteArray& body);

private:
    struct Connection;
    void onConnection();
    void onData(Connection* connection);
    void play(Connection* connection, int step);
    void continueFlood(Connection* connection);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    Script m_script;
    QList<QByteArray> m_requests;
    int m_connections = 0;
    int m_disconnects = 0;
    qint64 m_floodWritten = 0;
};
