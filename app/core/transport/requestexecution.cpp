#include "transport/requestexecution.h"

#include "common/monotonicclock.h"
#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "protocol/apiflavor.h"
#include "protocol/flavorsupport.h"
#include "protocol/streamtracker.h"
#include "transport/directrequesttransport.h"
#include "transport/qtrequesttransport.h"
#include "transport/tlserrortext.h"

namespace {
// How long a response may stay open after its [DONE] before we close it ourselves.
constexpr int kCloseGraceMs = 1000;

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
    , m_deadlines(m_job.context->endpoint)
    , m_timer(this) {
    if (manager)
        m_transport = std::make_unique<QtRequestTransport>(manager);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RequestExecution::onTimer);
}

RequestExecution::RequestExecution(RequestJob job, const ApiFlavor& flavor,
                                   HttpConnectionPool* connections,
                                   std::atomic<qint64>* contentEvents, QObject* parent)
    : RequestExecution(std::move(job), flavor, static_cast<QNetworkAccessManager*>(nullptr),
                       contentEvents, parent) {
    m_transport = std::make_unique<DirectRequestTransport>(connections);
}

RequestExecution::~RequestExecution() {
    m_transport.reset(); // closes the request before the tracker goes
}

void RequestExecution::start() {
    const RunContext& ctx = *m_job.context;
    const EndpointConfig& endpoint = ctx.endpoint;
    const bool batch = m_flavor.embeds() && ctx.batchSize > 1 && !m_job.prompt;
    const Prompt prompt = m_job.prompt ? *m_job.prompt
                          : batch ? embeddingBatch(*ctx.prompts, m_job.promptIndex, ctx.batchSize)
                                  : ctx.prompts->prompt(m_job.promptIndex);
    const int maxTokens = m_job.maxTokens >= 0 ? m_job.maxTokens : ctx.maxTokens;

    TransportRequest request;
    request.request = m_flavor.buildRequest(endpoint, ctx.apiKey);
    request.body = m_flavor.buildBody(endpoint, prompt, maxTokens);
    request.tls = ctx.tls;
    request.tlsIdentity = endpoint.caCertFile + u'|' + endpoint.clientCertFile;
    request.verifyTls = endpoint.verifyTls;
    request.http2 = endpoint.http2;

    RequestRecord record = m_job.seed;
    record.requestedOutputTokens = m_flavor.embeds() ? -1 : maxTokens; // nothing is generated
    if (m_flavor.embeds())
        record.embeddingInputs = int(std::max<qsizetype>(1, prompt.batchInputs.size()));
    record.inputTokens = prompt.estimatedTokens;
    record.inputTokensSource = TokenSource::Estimate;
    // Validation keeps control characters out of headers and the key; should one get this
    // far anyway, neither transport puts a second header line on the wire.
    const QString refused = FlavorSupport::headerProblem(request.request);
    if (!refused.isEmpty()) {
        refuse(std::move(record), u"request not sent: " + refused);
        return;
    }
    // The timestamp is taken last, immediately before the request enters the stack.
    m_sendNs = MonotonicClock::nowNs();
    record.tSendNs = m_sendNs;
    createTracker(std::move(record));
    armTimer(m_sendNs);
    m_transport->start(request, this);
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

void RequestExecution::onTransportConnected() {
    m_connected = true;
}

void RequestExecution::onTransportHead(qint64 nowNs, int status, const QByteArray& contentType,
                                       const QByteArray& requestId) {
    if (m_done || m_headersSeen)
        return;
    m_headersSeen = true;
    m_connected = true;
    m_lastActivityNs = nowNs;
    m_serverRequestId = TerminalSafe::escape(QString::fromLatin1(requestId));
    m_tracker->onHeaders(nowNs, status, contentType);
}

void RequestExecution::onTransportBody(QByteArrayView bytes, qint64 nowNs) {
    if (!m_done)
        feed(bytes, nowNs);
}

void RequestExecution::onTransportEnd(qint64 nowNs, QNetworkReply::NetworkError error,
                                      const QString& message) {
    if (m_done)
        return;
    const bool tlsFailed = error == QNetworkReply::SslHandshakeFailedError;
    const QString text =
        tlsFailed && !m_tlsErrors.isEmpty() ? u"TLS handshake failed: " + m_tlsErrors : message;
    m_tracker->onFinished(nowNs, error, SecretMasker::mask(text));
    finish();
}

void RequestExecution::onTransportTlsErrors(const QList<QSslError>& errors) {
    m_tlsErrors = TlsErrorText::explainAll(errors, m_job.context->endpoint.url.host());
}

void RequestExecution::feed(QByteArrayView bytes, qint64 nowNs) {
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

RequestDeadlines::Progress RequestExecution::progress() const {
    return {m_sendNs, m_lastActivityNs, m_connected, m_tracker->sawContent()};
}

void RequestExecution::armTimer(qint64 nowNs) {
    if (m_awaitingClose)
        return;
    const qint64 next = m_deadlines.next(progress());
    if (next >= 0)
        m_timer.start(RequestDeadlines::waitMs(next, nowNs));
}

void RequestExecution::onTimer() {
    const qint64 now = MonotonicClock::nowNs();
    if (m_done)
        return;
    if (m_awaitingClose) {
        finish(); // the server kept the response open after [DONE]
        return;
    }
    using Kind = RequestDeadlines::Kind;
    const Kind kind = m_deadlines.expired(progress(), now);
    const QString span = secondsText(m_deadlines.seconds(kind));
    switch (kind) {
    case Kind::Connect:
        failAndFinish(now, ErrorClass::Timeout, u"connect timeout: no connection within " + span);
        break;
    case Kind::FirstToken:
        failAndFinish(now, ErrorClass::Timeout, u"first-token timeout: no token within " + span);
        break;
    case Kind::Idle:
        failAndFinish(now, ErrorClass::Timeout, u"idle timeout: no data for " + span);
        break;
    case Kind::Total:
        failAndFinish(now, ErrorClass::Timeout, u"total timeout: request exceeded " + span);
        break;
    case Kind::None:
        armTimer(now);
        break;
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
    m_transport->close(); // a completed keep-alive connection is kept, others closed
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
