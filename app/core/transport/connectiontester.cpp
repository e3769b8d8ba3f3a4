#include "transport/connectiontester.h"

#include "common/monotonicclock.h"
#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "protocol/apiflavor.h"
#include "protocol/flavorsupport.h"
#include "protocol/streamtracker.h"
#include "record/requestrecord.h"
#include "transport/connectionmessages.h"
#include "transport/qtrequesttransport.h"
#include "transport/requestdeadlines.h"
#include "transport/tlsconfigbuilder.h"
#include "transport/tlserrortext.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslError>
#include <QTimer>

#include <cmath>

namespace {
// Server bytes as the panel will show them: secrets masked, control characters (terminal
// escapes, bidi overrides) made visible.
QByteArray safeBytes(const QByteArray& bytes) {
    const QString text = QString::fromUtf8(bytes);
    const QString safe = TerminalSafe::escapeKeepingLines(SecretMasker::mask(text));
    // Only re-encode when something changed: invalid UTF-8 would not survive the trip.
    return safe == text ? bytes : safe.toUtf8();
}

double orMinusOne(double ms) {
    return std::isnan(ms) ? -1.0 : ms;
}

// Qt only consults http_proxy / https_proxy / no_proxy when asked to; ask explicitly so
// the endpoint's choice holds whatever the application-wide setting is.
QNetworkProxy proxyFor(const QUrl& url, bool useSystemProxy) {
    if (!useSystemProxy)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    return proxies.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : proxies.first();
}
} // namespace

struct ConnectionTester::State {
    QNetworkAccessManager* manager = nullptr; // child of the tester
    std::unique_ptr<QtRequestTransport> transport;
    std::unique_ptr<ApiFlavor> flavor;
    std::unique_ptr<StreamTracker> tracker;
    EndpointConfig endpoint;
    std::optional<RequestDeadlines> deadlines;
    RequestDeadlines::Progress progress;
    ConnectionDiagnosis diagnosis;
    QTimer* timer = nullptr; // armed at the nearest deadline
    bool running = false;
    QString apiKey;                             // only to repeat the request with another flavor
    bool allowFlavorProbe = true;               // false in the follow-up tester itself
    ConnectionTester* probe = nullptr;          // the follow-up with the other flavor (child)
    ConnectionTestResult pending;               // the result waiting for the probe
    std::optional<ScraperConfig> metricsConfig; // the metrics URL to scrape once (issue 12)
    MetricsCheck* metricsCheck = nullptr;       // child, while it runs

    void closeRequest() {
        timer->stop();
        if (transport)
            transport->close();
    }
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<State>()) {
    qRegisterMetaType<ConnectionTestResult>();
    m_state->manager = new QNetworkAccessManager(this);
    m_state->timer = new QTimer(this);
    m_state->timer->setSingleShot(true);
    m_state->timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(m_state->timer, &QTimer::timeout, this, &ConnectionTester::onTimer);
}

ConnectionTester::~ConnectionTester() {
    m_state->transport.reset(); // aborts its request before the tracker goes
}

bool ConnectionTester::isRunning() const {
    return m_state->running;
}

void ConnectionTester::start(const EndpointConfig& endpoint, const QString& apiKey, int maxTokens) {
    reset(endpoint, apiKey);
    TransportRequest request;
    const QString setupError = prepareRequest(&request);
    if (!setupError.isEmpty()) {
        // Reported from the event loop, like every other outcome, so callers may connect
        // to finished() after start().
        ConnectionTestResult result;
        result.error = ErrorClass::Connect;
        result.plainMessage = SecretMasker::mask(setupError);
        QMetaObject::invokeMethod(
            this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
        return;
    }

    State& s = *m_state;
    Prompt prompt;
    prompt.text = QStringLiteral("Say hello in one short sentence.");
    prompt.estimatedTokens = 6;
    request.body = s.flavor->buildBody(endpoint, prompt, std::max(1, maxTokens));
    s.diagnosis.url = request.request.url();
    s.manager->setProxy(proxyFor(request.request.url(), endpoint.useSystemProxy));

    RequestRecord record;
    record.inputTokens = prompt.estimatedTokens;
    record.inputTokensSource = TokenSource::Estimate;
    record.tSchedNs = record.tSendNs = MonotonicClock::nowNs();
    s.progress = RequestDeadlines::Progress();
    s.progress.sendNs = record.tSendNs;
    record.embeddingInputs = s.flavor->embeds() ? 1 : 0; // a 1-input request
    s.tracker = std::make_unique<StreamTracker>(*s.flavor, std::move(record));
    s.tracker->setCollectText(true);
    s.running = true;

    armTimer(s.progress.sendNs);
    s.transport = std::make_unique<QtRequestTransport>(s.manager);
    s.transport->start(request, this);
}

// A new test replaces the old one silently: its request, its follow-up, its deadlines.
void ConnectionTester::reset(const EndpointConfig& endpoint, const QString& apiKey) {
    State& s = *m_state;
    s.closeRequest();
    if (s.transport) // later: this may run inside one of its callbacks (a finished() slot)
        s.transport.release()->deleteLater();
    s.running = false;
    if (s.probe) {
        s.probe->disconnect(this);
        s.probe->deleteLater(); // its destructor aborts its request
        s.probe = nullptr;
    }
    delete s.metricsCheck; // a check of the previous test's metrics URL
    s.metricsCheck = nullptr;
    s.tracker.reset(); // before the flavor it refers to
    s.endpoint = endpoint;
    s.deadlines.emplace(endpoint);
    s.diagnosis = ConnectionDiagnosis();
    s.diagnosis.flavor = endpoint.flavor;
    s.diagnosis.model = endpoint.model;
    s.diagnosis.apiKeyRef = endpoint.apiKeyRef;
    s.diagnosis.keySent = !apiKey.isEmpty();
    s.diagnosis.forceExactOutput = endpoint.forceExactOutput;
    s.diagnosis.clientCertificate = !endpoint.clientCertFile.isEmpty();
    s.apiKey = apiKey;
    // A server may echo the key ("Incorrect API key provided: sk-..."): make sure it is
    // masked even when the caller did not register it (ApiKeyResolver normally does).
    SecretMasker::registerSecret(apiKey);
    SecretMasker::registerUrlSecrets(endpoint.url);
    s.flavor = ApiFlavor::create(endpoint.flavor);
}

// The request for the endpoint set by reset(), or why none can be sent.
QString ConnectionTester::prepareRequest(TransportRequest* request) const {
    const State& s = *m_state;
    const EndpointConfig& endpoint = s.endpoint;
    if (!s.flavor)
        return QStringLiteral("Unknown API flavor \"%1\" (known: %2).")
            .arg(endpoint.flavor, ApiFlavor::ids().join(u", "));
    if (endpoint.isBuiltinSimulator())
        return QStringLiteral("The built-in simulator must be started before it can be "
                              "tested (internal error: unresolved sim: URL).");
    if (!endpoint.url.isValid() ||
        (endpoint.url.scheme() != QLatin1String("http") &&
         endpoint.url.scheme() != QLatin1String("https")) ||
        endpoint.url.host().isEmpty())
        return QStringLiteral("The URL \"%1\" is not an http:// or https:// URL.")
            .arg(endpoint.url.toDisplayString(QUrl::RemoveUserInfo));
    request->request = s.flavor->buildRequest(endpoint, s.apiKey);
    // The same CAs and client certificate as a run's connections.
    QString tlsError;
    if (!TlsConfigBuilder::build(endpoint, &request->tls, &tlsError))
        return QStringLiteral("The TLS settings cannot be used: %1.").arg(tlsError);
    request->verifyTls = endpoint.verifyTls;
    request->http2 = endpoint.http2;
    const QString refused = FlavorSupport::headerProblem(request->request);
    if (!refused.isEmpty()) // the last line against header injection, as for a run
        return QStringLiteral("The request was not sent: %1.").arg(refused);
    return {};
}

// One timer at the nearest deadline (RequestDeadlines, as a run's request has them).
void ConnectionTester::armTimer(qint64 nowNs) {
    State& s = *m_state;
    const qint64 next = s.deadlines->next(s.progress);
    if (next >= 0)
        s.timer->start(RequestDeadlines::waitMs(next, nowNs));
}

void ConnectionTester::onTimer() {
    State& s = *m_state;
    const qint64 now = MonotonicClock::nowNs();
    if (!s.running || !s.tracker)
        return;
    using Kind = RequestDeadlines::Kind;
    const Kind kind = s.deadlines->expired(s.progress, now);
    const double seconds = s.deadlines->seconds(kind);
    QString message;
    switch (kind) {
    case Kind::Connect:
        message = QStringLiteral("could not send the request to %1 within %2 s (connect timeout).")
                      .arg(s.endpoint.url.host())
                      .arg(seconds);
        break;
    case Kind::FirstToken:
        message = QStringLiteral("no token within %1 s of sending the request "
                                 "(first-token timeout).")
                      .arg(seconds);
        break;
    case Kind::Idle:
        message = QStringLiteral("the server sent nothing for %1 s (idle timeout).").arg(seconds);
        break;
    case Kind::Total:
        message = QStringLiteral("the request took longer than %1 s (total timeout).").arg(seconds);
        break;
    case Kind::None:
        armTimer(now); // early: a later arrival pushed the idle deadline back
        return;
    }
    s.tracker->fail(now, ErrorClass::Timeout, message);
    complete();
}

void ConnectionTester::onTransportConnected() {
    m_state->progress.connected = true;
}

void ConnectionTester::onTransportHead(qint64 nowNs, int status, const QByteArray& contentType,
                                       const QByteArray& requestId) {
    Q_UNUSED(requestId)
    State& s = *m_state;
    s.progress.connected = true;
    s.progress.lastActivityNs = nowNs;
    s.tracker->onHeaders(nowNs, status, contentType);
}

void ConnectionTester::onTransportBody(QByteArrayView bytes, qint64 nowNs) {
    State& s = *m_state;
    const bool hadContent = s.progress.sawContent;
    s.progress.lastActivityNs = nowNs;
    s.tracker->onBytes(bytes, nowNs);
    s.progress.sawContent = s.tracker->sawContent();
    if (s.tracker->isFinished())
        complete();
    else if (!hadContent && s.progress.sawContent)
        armTimer(nowNs); // the first token swaps the first-token deadline for the idle one
}

void ConnectionTester::onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                                      const QString& message) {
    State& s = *m_state;
    s.diagnosis.networkError = error;
    s.diagnosis.networkErrorText = message;
    s.tracker->onFinished(nowNs, error, message);
    complete();
}

void ConnectionTester::onTransportTlsErrors(const QList<QSslError>& errors) {
    for (const QSslError& error : errors)
        m_state->diagnosis.sslErrors.append(
            TlsErrorText::explain(error, m_state->endpoint.url.host()));
}

void ConnectionTester::abort() {
    if (!m_state->running)
        return;
    if (m_state->probe) { // the main request is over: report it without the follow-up
        m_state->probe->abort();
        return;
    }
    if (m_state->metricsCheck) { // the request is over: report it without the metrics
        delete m_state->metricsCheck;
        m_state->metricsCheck = nullptr;
        m_state->running = false;
        ConnectionTestResult result = m_state->pending;
        m_state->pending = ConnectionTestResult();
        Q_EMIT finished(result);
        return;
    }
    m_state->tracker->fail(MonotonicClock::nowNs(), ErrorClass::Cancelled,
                           QStringLiteral("the test was cancelled"));
    complete();
}

void ConnectionTester::complete() {
    State& s = *m_state;
    if (!s.running)
        return;
    s.running = false;
    s.closeRequest();

    const RequestRecord& record = s.tracker->record();
    ConnectionTestResult result;
    result.ok = record.ok();
    result.httpStatus = record.httpStatus;
    result.ttfbMs = orMinusOne(record.ttfbMs());
    result.ttftMs = orMinusOne(record.ttftMs());
    result.e2eMs = orMinusOne(record.e2eMs());
    result.outputTokens = record.outputTokens;
    result.outputTokensSource = tokenSourceName(record.outputTokensSource);
    result.inputTokens = record.inputTokens;
    result.finishReason = record.finishReason;
    result.text = s.tracker->collectedText();
    result.rawEvents = s.tracker->firstRawEvents();
    result.error = record.error;
    result.url = SecretMasker::mask(s.diagnosis.url.toDisplayString(QUrl::RemoveUserInfo));
    result.contentType = QString::fromLatin1(s.tracker->contentType());
    result.firstBytes = safeBytes(s.tracker->firstBodyBytes());
    result.text = TerminalSafe::escapeKeepingLines(SecretMasker::mask(result.text));
    for (QByteArray& raw : result.rawEvents)
        raw = safeBytes(raw);

    ConnectionDiagnosis& d = s.diagnosis;
    d.errorClass = record.error;
    d.errorMessage = record.errorMessage;
    d.httpStatus = record.httpStatus;
    d.contentType = s.tracker->contentType();
    d.firstBytes = result.firstBytes;
    d.events = s.tracker->eventCount();
    d.ttfbMs = result.ttfbMs;
    d.ttftMs = result.ttftMs;
    d.e2eMs = result.e2eMs;
    d.outputTokens = result.outputTokens;
    d.outputTokensSource = result.outputTokensSource;
    result.plainMessage = ConnectionMessages::describe(d);

    const QString alternative = ConnectionMessages::alternativeFlavor(d);
    if (s.allowFlavorProbe && !alternative.isEmpty()) {
        s.running = true; // still busy until the follow-up answers
        s.pending = result;
        s.probe = new ConnectionTester(this);
        s.probe->m_state->allowFlavorProbe = false;
        connect(s.probe, &ConnectionTester::finished, this,
                [this, alternative](const ConnectionTestResult& probe) {
                    finishWithProbe(alternative, probe);
                });
        EndpointConfig other = s.endpoint;
        other.flavor = alternative;
        s.probe->start(other, s.apiKey, 1);
        return;
    }
    deliver(result);
}

void ConnectionTester::finishWithProbe(const QString& flavor, const ConnectionTestResult& probe) {
    State& s = *m_state;
    if (s.probe) {
        s.probe->disconnect(this);
        s.probe->deleteLater();
        s.probe = nullptr;
    }
    s.running = false;
    ConnectionTestResult result = s.pending;
    s.pending = ConnectionTestResult();
    // A working stream (even one cut short by max_tokens 1) means the route and body fit.
    if (probe.ok ||
        (probe.httpStatus >= 200 && probe.httpStatus < 300 && !probe.rawEvents.isEmpty())) {
        result.suggestedFlavor = flavor;
        result.plainMessage += ConnectionMessages::flavorConfirmed(flavor, QUrl(probe.url));
    }
    deliver(result);
}

void ConnectionTester::setMetricsCheck(const ScraperConfig& config) {
    m_state->metricsConfig = config;
}

void ConnectionTester::deliver(const ConnectionTestResult& result) {
    State& s = *m_state;
    if (!s.metricsConfig) {
        Q_EMIT finished(result);
        return;
    }
    // Still busy while the metrics URL answers; bounded by the check's own timeout.
    s.running = true;
    delete s.metricsCheck;
    s.metricsCheck = new MetricsCheck(this);
    s.pending = result;
    connect(s.metricsCheck, &MetricsCheck::finished, this,
            [this](const MetricsCheckResult& metrics) {
                State& state = *m_state;
                state.running = false;
                state.metricsCheck->deleteLater();
                state.metricsCheck = nullptr;
                ConnectionTestResult withMetrics = state.pending;
                state.pending = ConnectionTestResult();
                withMetrics.metrics = metrics;
                Q_EMIT finished(withMetrics);
            });
    const ScraperConfig config = *s.metricsConfig;
    s.metricsConfig.reset(); // once per start()
    s.metricsCheck->start(config);
}
