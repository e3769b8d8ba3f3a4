#pragma once

#include "transport/requesttransport.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

// A request on Qt's network stack (HTTP/2, proxies): the manager's post(), its reply's
// signals turned into RequestTransportListener calls, each arrival timestamped before the
// reply is read. The manager (and its proxy) belongs to the caller and outlives this.
class QtRequestTransport : public QObject, public RequestTransport {
    Q_OBJECT
public:
    explicit QtRequestTransport(QNetworkAccessManager* manager, QObject* parent = nullptr);
    ~QtRequestTransport() override;

    void start(const TransportRequest& request, RequestTransportListener* listener) override;
    void close() override;

private:
    void deliverHead(qint64 nowNs);
    void onReadyRead();
    void onFinished();

    QNetworkAccessManager* m_manager;
    QPointer<QNetworkReply> m_reply;
    RequestTransportListener* m_listener = nullptr;
    bool m_headSeen = false;
};
