#pragma once

#include <QList>
#include <QString>

// How a token count was obtained (docs/METRICS.md: output_tokens_source / input_tokens_source).
enum class TokenSource { Unknown, Usage, Events, Estimate };
QString tokenSourceName(TokenSource source);
TokenSource tokenSourceFromName(const QString& name);

// Error classes exactly as docs/METRICS.md names them. An empty string means success.
namespace ErrorClass {
inline const QString Http429 = QStringLiteral("http_429");
inline const QString Http4xx = QStringLiteral("http_4xx");
inline const QString Http5xx = QStringLiteral("http_5xx");
inline const QString Connect = QStringLiteral("connect");
inline const QString Tls = QStringLiteral("tls");
inline const QString Timeout = QStringLiteral("timeout");
inline const QString Reset = QStringLiteral("reset");
inline const QString StreamErrorEvent = QStringLiteral("stream_error_event");
inline const QString BadStream = QStringLiteral("bad_stream");
inline const QString Cancelled = QStringLiteral("cancelled");
QStringList all();
} // namespace ErrorClass

// One request, as measured. Immutable once the request finished.
// All t*Ns fields are absolute MonotonicClock::nowNs() readings taken when the bytes
// arrived (before parsing); -1 means the moment never happened.
struct RequestRecord {
    quint64 id = 0;
    int level = -1;      // index of the level in the sweep plan
    bool warmup = false; // warm-up requests are journaled but excluded from statistics

    qint64 tSchedNs = -1;        // load generator decided the request is due
    qint64 tSendNs = -1;         // just before handing it to the network stack
    qint64 tHeadersNs = -1;      // response headers arrived (first response byte)
    qint64 tFirstEventNs = -1;   // first event with a non-empty choices array (vLLM's TTFT)
    qint64 tFirstContentNs = -1; // first event carrying non-empty content or reasoning
    qint64 tLastContentNs = -1;  // last content or finish event
    qint64 tEndNs = -1;          // stream ended ([DONE], close, or error)

    // Arrival time of every content event, in order (ITL, steady-window attribution).
    QList<qint64> contentEventNs;

    int outputTokens = 0;
    TokenSource outputTokensSource = TokenSource::Unknown;
    int inputTokens = 0;
    TokenSource inputTokensSource = TokenSource::Unknown;

    // openai-embeddings (issue 14): the inputs the request carried; 0 for a generation request.
    // Such a request has no stream, so no TTFT/TPOT/ITL (they stay NaN, never 0): its
    // latency is e2e, its throughput inputs/s and input tokens/s.
    int embeddingInputs = 0;

    int httpStatus = 0;
    QString finishReason;
    QString error;        // ErrorClass value; empty on success
    QString errorMessage; // detail, already secret-masked
    // The response's X-Request-Id (empty if none): pairs a record with the server's own
    // log of the same request (the simulator's ground truth in bench_client).
    QString serverRequestId;

    // What was asked and what the request belongs to (issue 16; docs/METRICS.md "Per request").
    int requestedOutputTokens = -1; // max_tokens sent; -1: none (or a file older than this field)
    // A successful answer with fewer output tokens than asked (a stop token, a server limit):
    // its tokens/s is not that of the requested workload. Set when the request finishes.
    bool earlyStop = false;
    int prefixGroup = -1;       // shared-prefix group; -1: none
    qint64 conversationId = -1; // -1: not part of a conversation
    int turnIndex = -1;         // 0-based turn within the conversation; -1: none
    qint64 sourceIndex = -1;    // dataset entry (1-based) or trace line; -1: synthetic

    // The server's own timings of this request as it reported them, in ns; -1: not reported
    // (issue 14: Ollama's total_duration, load_duration, prompt_eval_duration, eval_duration).
    // Beside the client's TTFT and TPOT, never instead of them: the server's clock starts
    // when it took the request and leaves out the network and the client.
    qint64 serverTotalNs = -1;
    qint64 serverLoadNs = -1;
    qint64 serverPromptEvalNs = -1;
    qint64 serverEvalNs = -1;
    bool hasServerTimings() const { return serverTotalNs >= 0 || serverEvalNs >= 0; }

    // Transient (issue 16): the answer text the server streamed (content, not reasoning) of a
    // conversation turn, kept only when the job asked for it (RequestJob::keepAnswer) and only
    // until the engine has given it to the conversation's user: it is never journaled, never
    // written to a results file and never kept in a level's records. answerCut: the answer was
    // longer than the cap and is incomplete (its conversation ends there).
    QString answerText;
    bool answerCut = false;

    bool ok() const { return error.isEmpty(); }
    // The early_stop rule: ok, a token count that was measured, fewer than requested.
    bool endedEarly() const;

    // Derived metrics in milliseconds; NaN when undefined (e.g. no content, or a failure
    // before that point). tpotMs() is NaN unless outputTokens > 1.
    double queueMs() const;
    double ttfbMs() const;
    double ttftMs() const;
    double ttfeMs() const;
    double e2eMs() const;
    double tpotMs() const;
    QList<double> itlMs() const; // gaps between consecutive content events
};
