#include "sim/simrouter.h"

#include "common/monotonicclock.h"
#include "sim/simconnection.h"
#include "sim/simembeddings.h"
#include "sim/simengine.h"
#include "sim/simhttprequest.h"
#include "sim/simledger.h"
#include "sim/simmetricstext.h"
#include "sim/simnativeformat.h"
#include "sim/simrandom.h"
#include "sim/simsequence.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Generation paths -> the request format. Databricks serving endpoints take chat; Azure
// OpenAI deployments mirror OpenAI's two paths.
bool generationKind(const QByteArray& path, SimGenRequest::Kind* kind) {
    if (path == "/v1/chat/completions" || path == "/chat/completions") {
        *kind = SimGenRequest::Kind::Chat;
        return true;
    }
    if (path == "/v1/completions" || path == "/completions") {
        *kind = SimGenRequest::Kind::Completion;
        return true;
    }
    // The native protocols at their real paths (issue 14).
    static const QList<QPair<QByteArrayView, SimGenRequest::Kind>> native = {
        {"/v1/messages", SimGenRequest::Kind::Anthropic},
        {"/v1/responses", SimGenRequest::Kind::Responses},
        {"/generate_stream", SimGenRequest::Kind::Tgi},
        {"/api/chat", SimGenRequest::Kind::Ollama},
        {"/v1/embeddings", SimGenRequest::Kind::Embeddings},
        {"/embeddings", SimGenRequest::Kind::Embeddings}};
    for (const auto& [nativePath, nativeKind] : native) {
        if (path == nativePath) {
            *kind = nativeKind;
            return true;
        }
    }
    static const QRegularExpression databricks(
        QStringLiteral("^/serving-endpoints/[^/]+/invocations$"));
    static const QRegularExpression azure(
        QStringLiteral("^/openai/deployments/[^/]+/(chat/completions|completions)$"));
    const QString p = QString::fromLatin1(path);
    if (databricks.match(p).hasMatch()) {
        *kind = SimGenRequest::Kind::Chat;
        return true;
    }
    const QRegularExpressionMatch m = azure.match(p);
    if (m.hasMatch()) {
        *kind = m.captured(1) == QLatin1String("completions") ? SimGenRequest::Kind::Completion
                                                              : SimGenRequest::Kind::Chat;
        return true;
    }
    return false;
}

// The length the engine will produce (unless a fault strikes first), and why. Draws only
// when early stops are configured, so a seed keeps giving the same faults as before.
void planLength(const SimGenRequest& gen, double earlyStopRate, SimRandom* rng,
                SimRequestTruth* truth) {
    truth->plannedTokens = gen.maxTokens;
    truth->plannedEnd =
        gen.maxTokensGiven ? QStringLiteral("max_tokens") : QStringLiteral("default_max_tokens");
    truth->ignoreEos = gen.ignoreEos;
    truth->minTokens = gen.minTokens;
    if (earlyStopRate <= 0)
        return;
    const bool early = rng->uniform() < earlyStopRate;
    const int earliest = std::max(1, gen.minTokens); // never before min_tokens
    if (!early || gen.ignoreEos || earliest > gen.maxTokens - 1)
        return;
    truth->plannedTokens = rng->between(earliest, gen.maxTokens - 1);
    truth->plannedEnd = QStringLiteral("early_stop");
}
} // namespace

SimRouter::SimRouter(const SimConfig& config, SimLedger* ledger, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_ledger(ledger)
    , m_engine(new SimEngine(config, ledger, this)) {}

SimRouter::~SimRouter() {
    shutdown();
}

void SimRouter::shutdown() {
    delete m_engine;
    m_engine = nullptr;
}

bool SimRouter::authorized(const SimHttpRequest& request) const {
    if (m_config.apiKey.isEmpty())
        return true;
    const QByteArray key = m_config.apiKey.toUtf8();
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 7 && auth.left(7).toLower() == "bearer " && auth.mid(7).trimmed() == key)
        return true;
    return request.header("api-key") == key || // Azure OpenAI
           request.header("x-api-key") == key; // Anthropic
}

void SimRouter::connectionLost(SimSequence* sequence, const QString& fault) {
    if (m_engine)
        m_engine->cancel(sequence, fault);
}

void SimRouter::handle(SimConnection* c, const SimHttpRequest& request) {
    const QByteArray& path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    SimGenRequest::Kind kind;
    if (generationKind(path, &kind)) {
        if (!post)
            return c->sendError(405, "invalid_request_error", QStringLiteral("Use POST"));
        return generate(c, request, kind);
    }
    if (path == "/health" || path == "/v1/health") {
        if (!get)
            return c->sendError(405, "invalid_request_error", QStringLiteral("Use GET"));
        return c->sendJson(200, compact({{QStringLiteral("status"), QStringLiteral("ok")}}));
    }
    if (path == "/v1/models" || path == "/models") {
        if (!get)
            return c->sendError(405, "invalid_request_error", QStringLiteral("Use GET"));
        if (!authorized(request))
            return c->sendError(401, "invalid_request_error",
                                QStringLiteral("Incorrect or missing API key"));
        const QJsonObject model{{QStringLiteral("id"), m_config.model},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), 0},
                                {QStringLiteral("owned_by"), QStringLiteral("plateau")}};
        return c->sendJson(200, compact({{QStringLiteral("object"), QStringLiteral("list")},
                                         {QStringLiteral("data"), QJsonArray{model}}}));
    }
    if (path == "/metrics") {
        if (!get)
            return c->sendError(405, "invalid_request_error", QStringLiteral("Use GET"));
        return sendMetrics(c);
    }
    if (path == "/sim/stats" && get)
        return c->sendJson(200, compact(m_ledger->stats().toJson()));
    if (path == "/sim/requests" && get)
        return sendRequests(c, request);
    if (path == "/sim/config" && get) {
        QJsonObject config = m_config.toJson();
        if (!m_config.apiKey.isEmpty())
            config.insert(QStringLiteral("api_key"), QStringLiteral("***"));
        return c->sendJson(200, compact(config));
    }
    if (path == "/sim/reset" && post) {
        m_ledger->reset();
        return c->sendJson(200, compact({{QStringLiteral("ok"), true}}));
    }
    if (path.startsWith("/sim/"))
        return c->sendError(405, "invalid_request_error", QStringLiteral("Method not allowed"));
    c->sendError(404, "not_found_error",
                 QStringLiteral("Unknown path %1").arg(QString::fromLatin1(path.left(200))));
}

void SimRouter::sendMetrics(SimConnection* c) {
    // Open like vLLM's /metrics (no API key); one ledger snapshot: every value from the same
    // engine state.
    SimStats stats;
    SimServerCounters counters;
    m_ledger->snapshot(&stats, &counters);
    c->sendBody(200, SimMetricsText::kContentType,
                SimMetricsText::render(stats, counters, m_config.model));
}

void SimRouter::sendRequests(SimConnection* c, const SimHttpRequest& request) {
    const quint64 after = request.queryValue("after").toULongLong();
    const int limit = request.queryValue("limit").toInt();
    const QList<SimRequestTruth> list = m_ledger->requests(after, limit);
    QJsonArray array;
    for (const SimRequestTruth& t : list)
        array.append(t.toJson());
    c->sendJson(200, compact({{QStringLiteral("requests"), array}}));
}

void SimRouter::reject(SimConnection* c, SimGenRequest::Kind kind, SimRequestTruth& truth,
                       int status, const char* type, const QString& message, const QString& fault) {
    truth.httpStatus = status;
    truth.fault = fault;
    truth.finishedNs = MonotonicClock::nowNs();
    m_ledger->requestFinished(truth, false, false);
    SimConnection::Headers extra{{"X-Request-Id", QByteArray::number(truth.id)}};
    if (status == 429)
        extra.append({"Retry-After", QByteArray::number(m_config.retryAfterS)});
    c->sendJson(status, SimNativeFormat::errorBody(kind, status, type, message), extra);
}

void SimRouter::generate(SimConnection* c, const SimHttpRequest& request,
                         SimGenRequest::Kind kind) {
    SimRequestTruth truth;
    truth.id = ++m_nextId;
    truth.path = QString::fromLatin1(request.path);
    truth.arrivalNs = MonotonicClock::nowNs();
    m_ledger->requestStarted();
    if (!authorized(request))
        return reject(c, kind, truth, 401, "invalid_request_error",
                      QStringLiteral("Incorrect or missing API key"),
                      QStringLiteral("unauthorized"));
    SimGenRequest gen;
    QString error;
    // Block hashes only when there is a cache to look them up in.
    const int blockWords = m_config.prefixCacheBlocks > 0 ? m_config.prefixBlockWords : 0;
    if (!SimGenRequest::parse(request.body, kind, m_config.defaultMaxTokens, &gen, &error,
                              blockWords))
        return reject(c, kind, truth, 400, "invalid_request_error", error,
                      QStringLiteral("bad_request"));
    if (const QString tooLong = SimEmbeddings::tooLong(gen); !tooLong.isEmpty())
        return reject(c, kind, truth, 413, "invalid_request_error", tooLong,
                      QStringLiteral("input_too_long"));
    truth.promptTokens = gen.promptTokens;
    truth.maxTokens = gen.maxTokens;
    truth.stream = gen.stream;
    truth.historyDigests = gen.assistantDigests;
    // A sequence that could never fit the KV cache alone is refused, as vLLM refuses one
    // beyond its context length (which never exceeds its cache).
    const qint64 total = qint64(gen.promptTokens) + gen.maxTokens;
    if (m_config.kvCacheTokens > 0 && total > m_config.kvCacheTokens)
        return reject(c, kind, truth, 400, "invalid_request_error",
                      QStringLiteral("This model's maximum context length is %1 tokens. However, "
                                     "you requested %2 tokens (%3 in the messages, %4 in the "
                                     "completion). Please reduce the length of the messages or "
                                     "completion.")
                          .arg(m_config.kvCacheTokens)
                          .arg(total)
                          .arg(gen.promptTokens)
                          .arg(gen.maxTokens),
                      QStringLiteral("context_length"));
    if (!m_engine)
        return reject(c, kind, truth, 503, "server_error", QStringLiteral("Shutting down"),
                      QStringLiteral("server_stopped"));
    // The bound is on requests that would have to wait for a slot.
    if (m_config.maxQueue > 0 &&
        m_engine->queuedCount() + m_engine->runningCount() >= m_config.maxBatch + m_config.maxQueue)
        return reject(c, kind, truth, 429, "rate_limit_error",
                      QStringLiteral("The server is at capacity (queue full); retry later"),
                      QStringLiteral("queue_full"));

    // One independent draw per request id: the same seed reproduces the same faults.
    SimRandom rng = SimRandom::forRequest(m_config.seed, truth.id);
    const double u = rng.uniform();
    double edge = m_config.rate429;
    if (u < edge)
        return reject(c, kind, truth, 429, "rate_limit_error",
                      QStringLiteral("Rate limit reached (simulated)"), QStringLiteral("429"));
    if (u < (edge += m_config.rate500))
        return reject(c, kind, truth, 500, "server_error",
                      QStringLiteral("Internal server error (simulated)"), QStringLiteral("500"));
    SimSequence::Fault fault = SimSequence::Fault::None;
    if (u < (edge += m_config.rateDrop))
        fault = SimSequence::Fault::Drop;
    else if (u < (edge += m_config.rateErrorEvent))
        fault = SimSequence::Fault::ErrorEvent;
    else if (u < (edge += m_config.rateStall))
        fault = SimSequence::Fault::Stall;

    const QString model = gen.model.isEmpty() ? m_config.model : gen.model;
    auto s = std::make_unique<SimSequence>(
        gen, SimStreamFormat(kind, truth.id, model, QDateTime::currentSecsSinceEpoch()));
    truth.httpStatus = 200;
    // "After some tokens": mid-stream whenever there is a middle.
    int faultAfter = gen.maxTokens >= 2 ? rng.between(1, gen.maxTokens - 1) : 0;
    planLength(gen, m_config.earlyStopRate, &rng, &truth);
    faultAfter = std::min(faultAfter, std::max(0, truth.plannedTokens - 1)); // before the end
    s->truth = truth;
    s->fault = fault;
    s->faultAfterTokens = faultAfter;
    s->lengthEnd = truth.plannedEnd == QLatin1String("max_tokens");
    s->connection = c;
    c->attachSequence(s.get());
    if (gen.stream)
        c->beginStream({{"X-Request-Id", QByteArray::number(truth.id)}},
                       s->format.streamContentType());
    m_engine->submit(std::move(s));
}
