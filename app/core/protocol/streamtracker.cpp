#include "protocol/streamtracker.h"

#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "protocol/flavorsupport.h"
#include "protocol/sseparser.h"

#include <optional>

namespace {
constexpr qsizetype kMaxErrorBody = 64 * 1024;
constexpr qsizetype kMaxFirstBytes = 512;
// A whole (non-streamed) answer: 2,048 embeddings of 3,072 floats as JSON text are ~150 MB.
constexpr qsizetype kMaxWholeBody = 256 * 1024 * 1024;
constexpr qsizetype kMaxRawWholeBody = 4096; // of a whole body, what "Test connection" keeps

QString httpErrorClass(int status) {
    if (status == 429)
        return ErrorClass::Http429;
    return status < 500 ? ErrorClass::Http4xx : ErrorClass::Http5xx;
}
} // namespace

struct StreamTracker::State {
    State(const ApiFlavor& f, RequestRecord r)
        : flavor(f)
        , record(std::move(r)) {}

    const ApiFlavor& flavor;
    RequestRecord record;
    std::optional<SseParser> parser; // created when the response starts
    QByteArray contentType;
    QByteArray errorBody; // body of a >= 400 response, for the message
    QByteArray firstBytes;
    QByteArray wholeBody;       // Framing::WholeBody: the answer so far
    qint64 wholeBodyEndNs = -1; // when its last bytes arrived: the answer's end, not the close
    QList<QByteArray> rawEvents;
    QString text;
    bool collectText = false;
    qsizetype textCap = 0;
    bool textCut = false;
    int contentEvents = 0;
    int events = 0;
    int usagePrompt = -1;
    int usageCompletion = -1;
    bool finished = false;

    bool responseStarted() const { return parser.has_value(); }
    bool wholeBodyFraming() const { return flavor.framing() == ApiFlavor::Framing::WholeBody; }
    bool declaresStream() const {
        const QByteArray lower = contentType.toLower();
        return lower.contains("event-stream") || lower.contains("ndjson") ||
               lower.contains("jsonl");
    }

    void startResponse(qint64 arrivalNs, const QByteArray& type) {
        record.tHeadersNs = arrivalNs;
        contentType = type;
        const QByteArray lower = type.toLower();
        const bool ndjson = flavor.framing() == ApiFlavor::Framing::Ndjson ||
                            lower.contains("ndjson") || lower.contains("jsonl");
        parser.emplace(ndjson ? SseParser::Mode::Ndjson : SseParser::Mode::Sse);
    }

    void complete(qint64 arrivalNs, const QString& errorClass, const QString& message) {
        finished = true;
        record.tEndNs = arrivalNs;
        record.error = errorClass;
        // Server text reaches terminals and views from here: kept, but with every control
        // character (terminal escapes, bidi overrides) as a visible escape.
        record.errorMessage =
            errorClass.isEmpty() ? QString() : TerminalSafe::escape(SecretMasker::mask(message));
        if (usageCompletion >= 0) {
            record.outputTokens = usageCompletion;
            record.outputTokensSource = TokenSource::Usage;
        } else {
            record.outputTokens = contentEvents;
            record.outputTokensSource = TokenSource::Events;
        }
        if (usagePrompt >= 0) {
            record.inputTokens = usagePrompt;
            record.inputTokensSource = TokenSource::Usage;
        } else if (record.inputTokensSource == TokenSource::Unknown) {
            record.inputTokensSource = TokenSource::Estimate;
        }
    }

    // atClose: the payload is the unterminated tail the parser completed at a clean close.
    // payload and eventType are the parser's buffers: valid during the call only.
    void handlePayload(QByteArrayView payload, qint64 arrivalNs, bool atClose,
                       QByteArrayView eventType) {
        if (rawEvents.size() < MaxRawEvents)
            rawEvents.append((wholeBodyFraming()
                                  ? payload.first(qMin(payload.size(), kMaxRawWholeBody))
                                  : payload)
                                 .toByteArray());
        if (eventType == "error") {
            // "event: error" flags the event whatever its data says (JSON or plain text).
            ++events;
            const QString detail = FlavorSupport::serverErrorMessage(payload.toByteArray());
            complete(arrivalNs, ErrorClass::StreamErrorEvent,
                     QStringLiteral("error event in the stream: ") +
                         (detail.isEmpty() ? QStringLiteral("(no details)") : detail));
            return;
        }
        if (payload.trimmed().isEmpty())
            return; // an empty data field: nothing to decode (some proxies send them)
        ++events;
        // Not a copy: the decoders read the payload during the call and keep none of it
        // (StreamEvent::raw, which would, dies with `event` at the end of this function).
        // Without the text unless it is collected: decoding it costs a QString per event.
        const QByteArray bytes = QByteArray::fromRawData(payload.data(), payload.size());
        const StreamEvent event =
            collectText ? flavor.decodePayload(bytes) : flavor.decodeWithoutText(bytes);
        if (event.isError) {
            complete(arrivalNs, ErrorClass::StreamErrorEvent,
                     QStringLiteral("error event in the stream: ") + event.errorMessage);
            return;
        }
        if (event.malformed && atClose) {
            // The close cut the last event short. After the finish chunk only the trailer
            // (usage, [DONE]) is lost, exactly as when a reset cuts it: the answer stands.
            // Before it, the stream is truncated: a failure, never a short success.
            if (record.finishReason.isEmpty())
                complete(arrivalNs, ErrorClass::BadStream,
                         QStringLiteral("stream ended inside an event, before its finish chunk "
                                        "(after %1 events): %2")
                             .arg(events - 1)
                             .arg(FlavorSupport::preview(payload.toByteArray(), 120)));
            return;
        }
        if (event.malformed) {
            complete(arrivalNs, ErrorClass::BadStream, event.errorMessage);
            return;
        }
        if (event.hasChoices && record.tFirstEventNs < 0)
            record.tFirstEventNs = arrivalNs;
        if (event.hasContent) {
            if (record.tFirstContentNs < 0)
                record.tFirstContentNs = arrivalNs;
            record.tLastContentNs = arrivalNs;
            record.contentEventNs.append(arrivalNs);
            ++contentEvents;
            if (collectText)
                collect(event.text);
        }
        if (!event.finishReason.isEmpty()) {
            record.finishReason = event.finishReason;
            record.tLastContentNs = arrivalNs; // the finish chunk ends e2e (docs/METRICS.md)
        }
        if (event.embeddingCount >= 0 && record.embeddingInputs > 0 &&
            event.embeddingCount != record.embeddingInputs) {
            complete(arrivalNs, ErrorClass::BadStream,
                     QStringLiteral("the server returned %1 embeddings for %2 inputs")
                         .arg(event.embeddingCount)
                         .arg(record.embeddingInputs));
            return;
        }
        if (event.promptTokens >= 0)
            usagePrompt = event.promptTokens;
        if (event.completionTokens >= 0)
            usageCompletion = event.completionTokens;
        for (const auto& [from, to] :
             {std::pair{event.serverTotalNs, &record.serverTotalNs},
              std::pair{event.serverLoadNs, &record.serverLoadNs},
              std::pair{event.serverPromptEvalNs, &record.serverPromptEvalNs},
              std::pair{event.serverEvalNs, &record.serverEvalNs}})
            if (from >= 0)
                *to = from;
        if (event.done)
            complete(arrivalNs, QString(), QString());
    }

    // An answer past the cap is cut whole: nothing after it is appended.
    void collect(const QString& delta) {
        if (textCut || text.size() + delta.size() > textCap) {
            textCut = true;
            return;
        }
        text += delta;
    }

    // The parser hands each payload straight on: no list, no copy (issue 17). Payloads
    // after the outcome is known are parsed but ignored, as the first outcome wins.
    void feedParser(QByteArrayView bytes, qint64 arrivalNs) {
        parser->feed(bytes, [&](QByteArrayView payload, QByteArrayView eventType) {
            if (!finished)
                handlePayload(payload, arrivalNs, false, eventType);
        });
        checkParserError(arrivalNs);
    }
    void finishParser(qint64 arrivalNs) {
        parser->finish([&](QByteArrayView payload, QByteArrayView eventType) {
            if (!finished)
                handlePayload(payload, arrivalNs, true, eventType);
        });
        checkParserError(arrivalNs);
    }
    void checkParserError(qint64 arrivalNs) {
        if (!finished && parser->hasError())
            complete(arrivalNs, ErrorClass::BadStream, parser->errorString());
    }

    // Framing::WholeBody: keeps the answer for onFinished (a failure once it passes the cap).
    void appendWholeBody(QByteArrayView bytes, qint64 arrivalNs) {
        if (wholeBody.size() + bytes.size() > kMaxWholeBody) {
            complete(arrivalNs, ErrorClass::BadStream,
                     QStringLiteral("the response is larger than %1 MiB (a smaller batch size "
                                    "keeps it within bounds)")
                         .arg(kMaxWholeBody / (1024 * 1024)));
            return;
        }
        wholeBody.append(bytes);
        wholeBodyEndNs = arrivalNs;
    }

    // A clean close before [DONE]: a finish chunk makes it a success, anything else is a
    // stream cut short (a failure, never a short success).
    void completeCleanClose(qint64 arrivalNs) {
        if (!record.finishReason.isEmpty()) {
            complete(arrivalNs, QString(), QString());
        } else if (events == 0 && !firstBytes.isEmpty() && !declaresStream()) {
            complete(arrivalNs, ErrorClass::BadStream,
                     QStringLiteral("the response is not an event stream (Content-Type: %1); "
                                    "it starts with: %2")
                         .arg(contentType.isEmpty() ? QStringLiteral("none")
                                                    : QString::fromLatin1(contentType),
                              FlavorSupport::preview(firstBytes, 160)));
        } else if (events == 0) {
            complete(arrivalNs, ErrorClass::BadStream,
                     firstBytes.isEmpty()
                         ? QStringLiteral("the server closed the response without sending any "
                                          "event")
                         : QStringLiteral("the server closed the response without sending any "
                                          "event; it sent: %1")
                               .arg(FlavorSupport::preview(firstBytes, 160)));
        } else {
            complete(arrivalNs, ErrorClass::BadStream,
                     QStringLiteral("stream ended before its finish chunk (after %1 events)")
                         .arg(events));
        }
    }
};

StreamTracker::StreamTracker(const ApiFlavor& flavor, RequestRecord record)
    : m_state(std::make_unique<State>(flavor, std::move(record))) {}

StreamTracker::~StreamTracker() = default;

void StreamTracker::onHeaders(qint64 arrivalNs, int httpStatus, const QByteArray& contentType) {
    State& s = *m_state;
    if (s.finished || s.responseStarted())
        return;
    s.record.httpStatus = httpStatus;
    s.startResponse(arrivalNs, contentType);
}

void StreamTracker::onBytes(QByteArrayView bytes, qint64 arrivalNs) {
    State& s = *m_state;
    if (s.finished || bytes.isEmpty())
        return;
    if (!s.responseStarted())
        s.startResponse(arrivalNs, QByteArray());
    if (s.firstBytes.size() < kMaxFirstBytes)
        s.firstBytes.append(bytes.data(), qMin(bytes.size(), kMaxFirstBytes - s.firstBytes.size()));
    if (s.record.httpStatus >= 400) {
        if (s.errorBody.size() < kMaxErrorBody)
            s.errorBody.append(bytes.data(),
                               qMin(bytes.size(), kMaxErrorBody - s.errorBody.size()));
        return;
    }
    if (s.wholeBodyFraming())
        return s.appendWholeBody(bytes, arrivalNs);
    s.feedParser(bytes, arrivalNs);
}

void StreamTracker::onFinished(qint64 arrivalNs, QNetworkReply::NetworkError error,
                               const QString& errorText) {
    State& s = *m_state;
    if (s.finished)
        return;
    const int status = s.record.httpStatus;
    if (status >= 400) {
        QString message = FlavorSupport::serverErrorMessage(s.errorBody);
        if (message.isEmpty())
            message = errorText;
        s.complete(arrivalNs, httpErrorClass(status),
                   QStringLiteral("HTTP %1: %2").arg(status).arg(message));
        return;
    }
    if (error == QNetworkReply::NoError) {
        if (s.wholeBodyFraming())
            s.handlePayload(s.wholeBody, s.wholeBodyEndNs >= 0 ? s.wholeBodyEndNs : arrivalNs,
                            false, QByteArrayView());
        else if (s.responseStarted()) // a last event without its blank line still counts
            s.finishParser(arrivalNs);
        if (!s.finished)
            s.completeCleanClose(arrivalNs);
        return;
    }
    if (!s.record.finishReason.isEmpty()) {
        // The answer was complete (finish chunk seen); only the trailer was lost.
        s.complete(arrivalNs, QString(), QString());
        return;
    }
    const QString errorClass = classifyNetworkError(error, s.responseStarted());
    QString message =
        errorText.isEmpty() ? QStringLiteral("network error %1").arg(int(error)) : errorText;
    if (errorClass == ErrorClass::Reset && s.responseStarted())
        message = QStringLiteral("connection lost mid-stream after %1 events: %2")
                      .arg(s.events)
                      .arg(message);
    s.complete(arrivalNs, errorClass, message);
}

void StreamTracker::fail(qint64 arrivalNs, const QString& errorClass, const QString& message) {
    State& s = *m_state;
    if (s.finished)
        return;
    s.complete(arrivalNs, errorClass, message);
}

bool StreamTracker::isFinished() const {
    return m_state->finished;
}
bool StreamTracker::sawContent() const {
    return m_state->contentEvents > 0;
}
const RequestRecord& StreamTracker::record() const {
    return m_state->record;
}
RequestRecord StreamTracker::takeRecord() {
    return std::move(m_state->record);
}
QList<QByteArray> StreamTracker::firstRawEvents() const {
    return m_state->rawEvents;
}
void StreamTracker::setCollectText(bool collect, qsizetype maxChars) {
    m_state->collectText = collect;
    m_state->textCap = maxChars;
}
QString StreamTracker::collectedText() const {
    return m_state->text;
}
bool StreamTracker::collectedTextCut() const {
    return m_state->textCut;
}
QByteArray StreamTracker::firstBodyBytes() const {
    return m_state->firstBytes;
}
QByteArray StreamTracker::contentType() const {
    return m_state->contentType;
}
int StreamTracker::eventCount() const {
    return m_state->events;
}

QString StreamTracker::classifyNetworkError(QNetworkReply::NetworkError error,
                                            bool responseStarted) {
    using E = QNetworkReply;
    switch (error) {
    case E::NoError:
        return QString();
    case E::OperationCanceledError:
        return ErrorClass::Cancelled;
    case E::TimeoutError:
    case E::ProxyTimeoutError:
        return ErrorClass::Timeout;
    case E::SslHandshakeFailedError:
        return ErrorClass::Tls;
    case E::ConnectionRefusedError:
    case E::HostNotFoundError:
    case E::ProxyConnectionRefusedError:
    case E::ProxyNotFoundError:
    case E::ProxyAuthenticationRequiredError:
    case E::UnknownProxyError:
    case E::ProtocolUnknownError:
    case E::InsecureRedirectError:
    case E::TooManyRedirectsError:
        return ErrorClass::Connect;
    case E::RemoteHostClosedError:
    case E::ProxyConnectionClosedError:
        return ErrorClass::Reset;
    case E::ProtocolFailure:
        return ErrorClass::BadStream;
    case E::ProtocolInvalidOperationError: // Qt's name for HTTP 400
        return ErrorClass::Http4xx;
    default:
        break;
    }
    // HTTP status errors without a status (should not happen: the status decides first).
    if (error >= E::ContentAccessDenied && error <= E::UnknownContentError)
        return ErrorClass::Http4xx;
    if (error >= E::InternalServerError && error <= E::UnknownServerError)
        return ErrorClass::Http5xx;
    return responseStarted ? ErrorClass::Reset : ErrorClass::Connect;
}
