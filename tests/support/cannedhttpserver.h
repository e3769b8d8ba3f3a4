#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>

// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) for the connection tests:
// it reads one request per connection, remembers it, and answers with canned bytes.
// Optionally TLS (QSslServer) with the self-signed test certificate.
class CannedHttpServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path;                      // with query
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    enum class After { Close, KeepOpen };

    explicit CannedHttpServer(QObject* parent = nullptr);
    ~CannedHttpServer() override;

    bool listen(bool tls = false);
    // TLS with this configuration (certificate, key, whether a client certificate is needed).
    bool listen(const QSslConfiguration& tls);
    quint16 port() const;
    void close();

    // The answer to every request: raw bytes (status line, headers, body) written at once.
    // Empty bytes: never answer (the client must time out).
    void setResponse(const QByteArray& bytes, After after = After::Close);
    // The answer to requests for one path (without the query), instead of the default.
    void setResponseFor(const QByteArray& path, const QByteArray& bytes);
    const QList<Request>& requests() const { return m_requests; }

    static QByteArray response(int status, const QByteArray& reason, const QByteArray& contentType,
                               const QByteArray& body, bool chunked = false);

private:
    void onConnection();
    void onReadyRead(QTcpSocket* socket);

    QTcpServer* m_server = nullptr;
    QByteArray m_response;
    QMap<QByteArray, QByteArray> m_responsesByPath;
    After m_after = After::Close;
    QList<Request> m_requests;
    QMap<QTcpSocket*, QByteArray> m_buffers;
};
