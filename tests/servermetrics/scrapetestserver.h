#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <functional>

// A loopback HTTP server for the scraper's tests, on 127.0.0.1 with a port the OS picks. Each
// request's head is kept (to see the headers the scraper sent) and answered with the bytes the
// responder returns for it (0, 1, 2...): an empty answer holds the connection open without a
// word (a hanging server). Small on purpose: tests/support's MisbehavingServer needs all of
// plateau_core, this library's tests only Qt.
class ScrapeTestServer : public QObject {
    Q_OBJECT
public:
    using Responder = std::function<QByteArray(int request)>;

    explicit ScrapeTestServer(Responder responder, QObject* parent = nullptr);
    bool listen();
    QUrl metricsUrl() const; // http://127.0.0.1:PORT/metrics
    int requestsSeen() const { return int(m_heads.size()); }
    QByteArray lastHead() const { return m_heads.isEmpty() ? QByteArray() : m_heads.last(); }

    static QByteArray ok(const QByteArray& body);
    static QByteArray status(int code, const QByteArray& reason);
    // A port nothing listens on (bound, then released): connecting to it is refused.
    static quint16 refusingPort();

private:
    void onConnection();

    QTcpServer m_server;
    Responder m_responder;
    QList<QByteArray> m_heads;
};
