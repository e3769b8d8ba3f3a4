#pragma once

#include "transport/requestdeadlines.h"
#include "transport/requestjob.h"
#include "transport/requesttransport.h"

#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>

class ApiFlavor;
class HttpConnectionPool;
class QNetworkAccessManager;
class StreamTracker;

// The life of one request on a network thread: builds request and body through the
// flavor, stamps tSendNs just before post(), and feeds every arrival to a StreamTracker
// with the clock read BEFORE the bytes are read. Enforces the endpoint's timeouts with
// one timer armed at the nearest deadline. Emits done() exactly once; the owner then
// takes the record and deletes the object.
// Two transports behind one RequestTransport, same lifecycle and record: Qt's
// QNetworkAccessManager (QtRequestTransport: HTTP/2, proxies, fallback) or the direct
// HTTP/1.1 client (DirectRequestTransport) running on this very thread, which spares Qt's
// per-manager HTTP thread and its queued hop per arrival. ConnectionTester runs the same
// transports and RequestDeadlines.
class RequestExecution : public QObject, private RequestTransportListener {
    Q_OBJECT
public:
    // contentEvents: a shared counter of content events, for the live tokens/s figure.
    RequestExecution(RequestJob job, const ApiFlavor& flavor, QNetworkAccessManager* manager,
                     std::atomic<qint64>* contentEvents, QObject* parent = nullptr);
    // The direct transport: connections come from (and go back to) `connections`.
    RequestExecution(RequestJob job, const ApiFlavor& flavor, HttpConnectionPool* connections,
                     std::atomic<qint64>* contentEvents, QObject* parent = nullptr);
    ~RequestExecution() override;

    void start();
    // The run was stopped: record `cancelled` and abort the transfer.
    void cancel(const QString& message);

    bool isDone() const { return m_done; }
    qint64 cookie() const { return m_job.cookie; }
    QNetworkAccessManager* manager() const { return m_manager; }
    RequestRecord takeRecord();

Q_SIGNALS:
    void done();

private:
    void createTracker(RequestRecord record);
    // The request cannot be sent as built (a header with a control character): it fails.
    void refuse(RequestRecord record, const QString& message);
    // RequestTransportListener
    void onTransportConnected() override;
    void onTransportHead(qint64 nowNs, int status, const QByteArray& contentType,
                         const QByteArray& requestId) override;
    void onTransportBody(QByteArrayView bytes, qint64 nowNs) override;
    void onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                        const QString& message) override;
    void onTransportTlsErrors(const QList<QSslError>& errors) override;

    void onTimer();
    void feed(QByteArrayView bytes, qint64 nowNs);
    void armTimer(qint64 nowNs);
    RequestDeadlines::Progress progress() const;
    void failAndFinish(qint64 nowNs, const QString& errorClass, const QString& message);
    void finish();

    RequestJob m_job;
    const ApiFlavor& m_flavor;
    QNetworkAccessManager* m_manager = nullptr; // Qt's stack only, for the owner's accounting
    std::atomic<qint64>* m_contentEvents;
    std::unique_ptr<RequestTransport> m_transport;
    RequestDeadlines m_deadlines;
    QString m_serverRequestId;
    QString m_tlsErrors; // the failed TLS checks, explained (Qt's stack)
    std::unique_ptr<StreamTracker> m_tracker;
    RequestRecord m_record; // filled when done
    QTimer m_timer;
    bool m_headersSeen = false;
    bool m_connected = false;
    bool m_done = false;
    bool m_firstContentArmed = false;
    bool m_awaitingClose = false; // record final ([DONE]), waiting for the reply to end
    qint64 m_sendNs = -1;
    qint64 m_lastActivityNs = -1;
    qsizetype m_contentSeen = 0;
};
