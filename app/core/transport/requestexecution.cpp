#include "transport/requestexecution.h"

#include "common/monotonicclock.h"
#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "protocol/apiflavor.h"
#include "protocol/flavorsupport.h"
#include "protocol/streamtracker.h"
#include "transport/httpconnection.h"
#include "transport/httpconnectionpool.h"
#include "transport/httprequestwriter.h"
#include "transport/tlserrortext.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr qint64 kNoDeadline = std::numeric_limits<qint64>::max();
// How long a response may stay open after its [DONE] before we close it ourselves.
constexpr int kCloseGraceMs = 1000;

qint64 secondsToNs(double seconds) {
    // <= 0 disables a timeout.
    return seconds > 0.0 ? qint64(std::llround(seconds * 1e9)) : -1;
}

QString secondsText(double seconds) {
    return QString::number(seconds, 'g', 4) + u" s";
}

// An embeddings request's batch: `size` prompts of their own (consecutive indices from
// index * size, so no input repeats another and a prefix cache cannot serve one from another).
Prompt embeddingBatch(const PromptGenerator& prompts, quint64 index, int size) {
    Prompt batch = prompts.prompt(index * quint64(size));
    batch.batchInputs.append(FlavorSupport::completionPrompt(batch));
    for (int k = 1; k < size; ++k) {
        const Prompt next = prompts.prompt(index * quint64(size) + quint64(k));
        batch.batchInputs.append(FlavorSupport::completionPrompt(next));
        batch.estimatedTokens += next.estimatedTokens;
    }
    return batch;
}
} // namespace

RequestExecution::RequestExecution(RequestJob job, const ApiFlavor& flavor,
                                   QNetworkAccessManager* manager,
                                   std::atomic<qint64>* contentEvents, QObject* parent)
    : QObject(parent)
    , m_job(std::move(job))
    , m_flavor(flavor)
    , m_manager(manager)
    , m_contentEvents(contentEvents)
    , m_timer(this) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RequestExecution::onTimer);
}

RequestExecution::RequestExecution(RequestJob job, const ApiFlavor& flavor,
                                   HttpConnectionPool* connections,
                                   std::atomic<qint64>* contentEvents, QObject* parent)
    : RequestExecution(std::move(job), flavor, static_cast<QNetworkAccessManager*>(nullptr),
                       contentEvents, parent) {
    m_connections = connections;
}

RequestExecution::~RequestExecution() {
    releaseConnection();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply.data();
    }
}

void RequestExecution::start() {
    const RunContext& ctx = *m_job.context;
    const EndpointConfig& endpoint = ctx.endpoint;
    const bool batch = m_flavor.embeds() && ctx.batchSize > 1 && !m_job.prompt;
    const Prompt prompt = m_job.prompt ? *m_job.prompt
                          : batch ? embeddingBatch(*ctx.prompts, m_job.promptIndex, ctx.batchSize)
                                  : ctx.prompts->prompt(m_job.promptIndex);
    const int maxTokens = m_job.maxTokens >= 0 ? m_job.maxTokens : ctx.maxTokens;

    QNetworkRequest request = m_flavor.buildRequest(endpoint, ctx.apiKey);
    const bool tls = request.url().scheme() == QLatin1String("https");
    // Qt 6 enables HTTP/2 over TLS by default; only use it when the user asked, so the
    // default load is N HTTP/1.1 connections. Cleartext HTTP/2 needs prior knowledge.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, endpoint.http2);
    request.setAttribute(QNetworkRequest::Http2DirectAttribute, endpoint.http2 && !tls);
    const QByteArray body = m_flavor.buildBody(endpoint, prompt, maxTokens);

    RequestRecord record = m_job.seed;
    record.requestedOutputTokens = m_flavor.embeds() ? -1 : maxTokens; // nothing is generated
    if (m_flavor.embeds())
        record.embeddingInputs = int(std::max<qsizetype>(1, prompt.batchInputs.size()));
    record.inputTokens = prompt.estimatedTokens;
    record.inputTokensSource = TokenSource::Estimate;
    // Validation keeps control characters out of headers and the key; should one get this
    // far anyway, neither transport puts a second header line on the wire.
    const QString refused = FlavorSupport::headerProblem(request);
    if (!refused.isEmpty()) {
        refuse(std::move(record), u"request not sent: " + refused);
        return;
    }
    if (m_connections) {
        startDirect(request, body, std::move(record));
        return;
    }

    if (!ctx.tls.isNull())
        request.setSslConfiguration(ctx.tls);
    // The timestamp is taken last, immediately before the request enters the stack.
    m_sendNs = MonotonicClock::nowNs();
    QNetworkReply* reply = m_manager->post(request, body);
    record.tSendNs = m_sendNs;
    // Safe to build after post(): no reply signal can be delivered before we return
    // to this thread's event loop.
    createTracker(std::move(record));
    m_reply = reply;

    connect(reply, &QNetworkReply::metaDataChanged, this, &RequestExecution::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &RequestExecution::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &RequestExecution::onReplyFinished);
    connect(reply, &QNetworkReply::requestSent, this, &RequestExecution::onRequestSent);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        m_tlsErrors = TlsErrorText::explainAll(errors, m_job.context->endpoint.url.host());
    });
    if (!endpoint.verifyTls) {
        // The user explicitly opted out for this endpoint (self-signed test servers).
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply](const QList<QSslError>&) { reply->ignoreSslErrors(); });
    }
#endif
    armTimer(m_sendNs);
}

void RequestExecution::startDirect(const QNetworkRequest& request, const QByteArray& body,
                                   RequestRecord record) {
    m_requestBytes = HttpRequestWriter::post(request, body);
    const RunContext& ctx = *m_job.context;
    HttpConnection::Target target = HttpRequestWriter::target(request, ctx.endpoint.verifyTls);
    target.tlsConfig = ctx.tls;
    if (!ctx.tls.isNull())
        target.tlsIdentity = ctx.endpoint.caCertFile + u'|' + ctx.endpoint.clientCertFile;
    m_connection = m_connections->acquire(target);
    // The timestamp is taken last, immediately before the request enters the stack.
    m_sendNs = MonotonicClock::nowNs();
    record.tSendNs = m_sendNs;
    createTracker(std::move(record));
    armTimer(m_sendNs);
    // send() may call back (onConnectionReady) at once on a reused connection.
    m_connection->send(m_requestBytes, this);
}

void RequestExecution::createTracker(RequestRecord record) {
    m_tracker = std::make_unique<StreamTracker>(m_flavor, std::move(record));
    if (m_job.keepAnswer)
        m_tracker->setCollectText(true, RequestJob::kMaxAnswerChars);
}

void RequestExecution::refuse(RequestRecord record, const QString& message) {
    m_sendNs = MonotonicClock::nowNs();
    record.tSendNs = m_sendNs;
    createTracker(std::move(record));
    // From the event loop, as every other outcome: the caller is still inside start().
    QMetaObject::invokeMethod(
        this,
        [this, message] { failAndFinish(MonotonicClock::nowNs(), ErrorClass::Connect, message); },
        Qt::QueuedConnection);
}

void RequestExecution::releaseConnection() {
    if (!m_connection)
        return;
    HttpConnection* connection = m_connection;
    m_connection = nullptr;
    if (m_connections)
        m_connections->release(connection); // keeps it only if reusable
}

void RequestExecution::onConnectionReady() {
    m_connected = true;
}

void RequestExecution::onResponseHead(qint64 nowNs, const HttpResponseParser& head) {
    if (m_done || m_headersSeen)
        return;
    m_headersSeen = true;
    m_connected = true;
    m_lastActivityNs = nowNs;
    m_serverRequestId = TerminalSafe::escape(QString::fromLatin1(head.header("x-request-id")));
    m_tracker->onHeaders(nowNs, head.status(), head.header("content-type"));
}

void RequestExecution::onResponseBody(const QByteArray& bytes, qint64 nowNs) {
    if (!m_done)
        feed(bytes, nowNs);
}

void RequestExecution::onResponseEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                                     const QString& message) {
    if (m_done)
        return;
    if (error != QNetworkReply::NoError && !m_retried && m_connection &&
        m_connection->wasReused() && !m_connection->responseStarted()) {
        // The server closed the idle keep-alive connection as we reused it: nothing of the
        // response arrived, so the request cannot have been acted on. Once, on a fresh one.
        m_retried = true;
        const HttpConnection::Target target = m_connection->target();
        releaseConnection();
        // Another idle one could be stale too: insist on a brand-new connection.
        m_connection = m_connections->acquire(target, true);
        m_connected = false;
        m_connection->send(m_requestBytes, this);
        return;
    }
    m_tracker->onFinished(nowNs, error, SecretMasker::mask(message));
    finish();
}

void RequestExecution::onRequestSent() {
    m_connected = true;
}

void RequestExecution::deliverHeaders(qint64 nowNs) {
    if (m_headersSeen || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headersSeen = true;
    m_connected = true;
    m_lastActivityNs = nowNs;
    m_serverRequestId =
        TerminalSafe::escape(QString::fromLatin1(m_reply->rawHeader("x-request-id")));
    m_tracker->onHeaders(nowNs, status.toInt(),
                         m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
}

void RequestExecution::onMetaDataChanged() {
    const qint64 now = MonotonicClock::nowNs(); // before anything else
    if (!m_done)
        deliverHeaders(now);
}

void RequestExecution::feed(const QByteArray& bytes, qint64 nowNs) {
    if (bytes.isEmpty())
        return;
    m_lastActivityNs = nowNs;
    m_tracker->onBytes(bytes, nowNs);
    const qsizetype seen = m_tracker->record().contentEventNs.size();
    if (seen != m_contentSeen) {
        m_contentEvents->fetch_add(seen - m_contentSeen, std::memory_order_relaxed);
        m_contentSeen = seen;
    }
    if (!m_tracker->isFinished()) {
        // The first token swaps the first-token deadline for the (often shorter) idle
        // one: re-arm. Later arrivals only push the idle deadline back, so the timer
        // firing early and re-arming is enough for them.
        if (!m_firstContentArmed && m_tracker->sawContent()) {
            m_firstContentArmed = true;
            armTimer(nowNs);
        }
        return;
    }
    if (m_awaitingClose)
        return;
    if (m_tracker->record().ok()) {
        // [DONE] arrived: the record is final. Let the reply end by itself so the
        // keep-alive connection survives for the next request, but not forever.
        m_awaitingClose = true;
        m_timer.start(kCloseGraceMs);
    } else {
        finish(); // error event or garbage: the outcome is known, stop reading
    }
}

void RequestExecution::onReadyRead() {
    const qint64 now = MonotonicClock::nowNs(); // timestamp first, then read, then parse
    if (m_done || !m_reply)
        return;
    const QByteArray bytes = m_reply->readAll();
    deliverHeaders(now);
    feed(bytes, now);
}

void RequestExecution::onReplyFinished() {
    const qint64 now = MonotonicClock::nowNs();
    if (m_done || !m_reply)
        return;
    const QByteArray rest = m_reply->readAll();
    deliverHeaders(now);
    feed(rest, now);
    if (m_done)
        return;
    const bool tlsFailed = m_reply->error() == QNetworkReply::SslHandshakeFailedError;
    const QString message = tlsFailed && !m_tlsErrors.isEmpty()
                                ? u"TLS handshake failed: " + m_tlsErrors
                                : m_reply->errorString();
    m_tracker->onFinished(now, m_reply->error(), SecretMasker::mask(message));
    finish();
}

void RequestExecution::armTimer(qint64 nowNs) {
    if (m_awaitingClose)
        return;
    const EndpointConfig& endpoint = m_job.context->endpoint;
    qint64 next = kNoDeadline;
    const auto consider = [&next](qint64 from, qint64 span) {
        if (from >= 0 && span > 0)
            next = std::min(next, from + span);
    };
    if (!m_connected)
        consider(m_sendNs, secondsToNs(endpoint.connectTimeoutS));
    if (!m_tracker->sawContent())
        consider(m_sendNs, secondsToNs(endpoint.firstTokenTimeoutS));
    else
        consider(m_lastActivityNs, secondsToNs(endpoint.idleTimeoutS));
    consider(m_sendNs, secondsToNs(endpoint.totalTimeoutS));
    if (next == kNoDeadline)
        return;
    // Round up: firing early would only re-arm; QTimer has millisecond resolution.
    const qint64 waitMs = std::max<qint64>(0, (next - nowNs + 999999) / 1000000);
    m_timer.start(int(std::min<qint64>(waitMs, std::numeric_limits<int>::max())));
}

void RequestExecution::onTimer() {
    const qint64 now = MonotonicClock::nowNs();
    if (m_done)
        return;
    if (m_awaitingClose) {
        finish(); // the server kept the response open after [DONE]
        return;
    }
    const EndpointConfig& endpoint = m_job.context->endpoint;
    const auto expired = [now](qint64 from, double seconds) {
        const qint64 span = secondsToNs(seconds);
        return from >= 0 && span > 0 && now >= from + span;
    };
    if (!m_connected && expired(m_sendNs, endpoint.connectTimeoutS)) {
        failAndFinish(now, ErrorClass::Timeout,
                      u"connect timeout: no connection within " +
                          secondsText(endpoint.connectTimeoutS));
    } else if (!m_tracker->sawContent() && expired(m_sendNs, endpoint.firstTokenTimeoutS)) {
        failAndFinish(now, ErrorClass::Timeout,
                      u"first-token timeout: no token within " +
                          secondsText(endpoint.firstTokenTimeoutS));
    } else if (m_tracker->sawContent() && expired(m_lastActivityNs, endpoint.idleTimeoutS)) {
        failAndFinish(now, ErrorClass::Timeout,
                      u"idle timeout: no data for " + secondsText(endpoint.idleTimeoutS));
    } else if (expired(m_sendNs, endpoint.totalTimeoutS)) {
        failAndFinish(now, ErrorClass::Timeout,
                      u"total timeout: request exceeded " + secondsText(endpoint.totalTimeoutS));
    } else {
        armTimer(now);
    }
}

void RequestExecution::cancel(const QString& message) {
    if (m_done)
        return;
    if (!m_tracker) { // never started: still exactly one record
        m_record = m_job.seed;
        m_record.error = ErrorClass::Cancelled;
        m_record.errorMessage = message;
        m_record.tEndNs = MonotonicClock::nowNs();
        m_done = true;
        Q_EMIT done();
        return;
    }
    failAndFinish(MonotonicClock::nowNs(), ErrorClass::Cancelled, message);
}

void RequestExecution::failAndFinish(qint64 nowNs, const QString& errorClass,
                                     const QString& message) {
    if (!m_tracker->isFinished())
        m_tracker->fail(nowNs, errorClass, message);
    finish();
}

void RequestExecution::finish() {
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply.clear();
    }
    releaseConnection(); // reused if its response completed, closed otherwise
    m_record = m_tracker->takeRecord();
    m_record.serverRequestId = m_serverRequestId;
    m_record.earlyStop = m_record.endedEarly();
    if (m_job.keepAnswer) {
        m_record.answerText = m_tracker->collectedText();
        m_record.answerCut = m_tracker->collectedTextCut();
    }
    Q_EMIT done();
}

RequestRecord RequestExecution::takeRecord() {
    return std::move(m_record);
}
