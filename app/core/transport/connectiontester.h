#pragma once

#include "profile/endpointconfig.h"
#include "servermetrics/scraperconfig.h"
#include "transport/metricscheck.h"
#include "transport/requesttransport.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>

struct ConnectionTestResult {
    bool ok = false;
    int httpStatus = 0;
    double ttfbMs = -1;
    double ttftMs = -1;
    int outputTokens = 0;
    QString text;                // the generated text
    QList<QByteArray> rawEvents; // the first raw events
    QString error;               // ErrorClass, empty when ok
    QString plainMessage;        // "Connection refused: is the server running on 127.0.0.1:8000?"

    // --- Additions.
    QString url; // the request URL (no user info)
    QString contentType;
    QByteArray firstBytes; // the first bytes of the response body
    QString finishReason;
    int inputTokens = 0;
    QString outputTokensSource; // "usage" or "events"
    double e2eMs = -1;
    // A wrong flavor: the other OpenAI flavor that a follow-up request found working
    // (empty if none was tried or it failed too).
    QString suggestedFlavor;
    // The metrics URL's one scrape, when the endpoint scrapes the server's metrics (issue 12):
    // which engine answered, or why nothing did.
    std::optional<MetricsCheckResult> metrics;
};
Q_DECLARE_METATYPE(ConnectionTestResult)

// "Test connection": one short streaming request, its status, TTFT, tokens, first raw
// events, or a plain-language error (DNS, refused, TLS, 401, 404, wrong flavor). Async,
// runs in the caller's thread's event loop (it does no heavy work).
// When the answer suggests the wrong OpenAI flavor (a completions-only server hit with
// chat: 404 on the route, "not a chat model", ...), one more 1-token request with the
// other flavor tells whether switching would work; finished() comes after it.
// The request runs the lifecycle of a run's request: the same transport interface (Qt's
// stack, QtRequestTransport), deadlines (RequestDeadlines), TLS settings (TlsConfigBuilder)
// and StreamTracker; only the wording of its messages is its own.
// Everything in the result that could echo the key (messages, raw events, text, body,
// URL) goes through SecretMasker, and the key itself is registered with it.
class ConnectionTester : public QObject, private RequestTransportListener {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;
    // apiKey already resolved (empty for none). The endpoint must not be sim: (resolve first).
    void start(const EndpointConfig& endpoint, const QString& apiKey, int maxTokens = 16);
    // Also scrape this metrics URL once (after the request; the endpoint's server_metrics as
    // ServerMetricsSession::configFor resolves it) and report it in the result. Before start().
    void setMetricsCheck(const ScraperConfig& config);
    void abort();
    bool isRunning() const;
Q_SIGNALS:
    void finished(const ConnectionTestResult& result);

private:
    void reset(const EndpointConfig& endpoint, const QString& apiKey);
    QString prepareRequest(TransportRequest* request) const;
    void armTimer(qint64 nowNs);
    void onTimer();
    // RequestTransportListener
    void onTransportConnected() override;
    void onTransportHead(qint64 nowNs, int status, const QByteArray& contentType,
                         const QByteArray& requestId) override;
    void onTransportBody(QByteArrayView bytes, qint64 nowNs) override;
    void onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                        const QString& message) override;
    void onTransportTlsErrors(const QList<QSslError>& errors) override;
    void complete();
    void finishWithProbe(const QString& flavor, const ConnectionTestResult& probe);
    void deliver(const ConnectionTestResult& result); // after the metrics check, if any

    struct State;
    std::unique_ptr<State> m_state;
};
