#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <type_traits>

// Incremental decoder of a streamed response body into event payloads.
//
// Sse mode follows the WHATWG event-stream rules: lines end in \r\n, \n or \r (a \r\n
// split across two reads is still one line end), ":" starts a comment, "data:" lines of
// one event are joined with "\n", an empty line dispatches the event, event:/id:/retry:
// are remembered but do not produce payloads, a leading UTF-8 BOM is dropped.
// Ndjson mode (application/x-ndjson) yields every non-blank line as one payload.
//
// Bytes are buffered and only whole events are returned, so a read that ends inside a
// JSON object or inside a UTF-8 sequence is harmless. The pending line and the pending
// event are bounded: a server that sends an endless line fails with an error instead of
// growing memory without limit.
//
// The receive path uses feed(bytes, sink): each payload is handed on as a view of the
// parser's own buffers, which keep their capacity from event to event, so a stream's
// steady state allocates nothing here (issue 17: the client's CPU per event). The
// list-returning feed()/finish() copy every payload, for callers that keep them.
class SseParser {
public:
    enum class Mode { Sse, Ndjson };
    static constexpr qsizetype DefaultMaxEventBytes = 8 * 1024 * 1024;

    explicit SseParser(Mode mode = Mode::Sse, qsizetype maxEventBytes = DefaultMaxEventBytes);

    // Consumes the next bytes; calls sink(QByteArrayView payload, QByteArrayView eventType)
    // for each event they completed, in order. Both views are valid during the call only:
    // a sink that keeps the bytes copies them. eventType is the "event:" field ("" if none;
    // always "" in Ndjson mode). The sink must not call back into this parser.
    template <typename Sink> void feed(QByteArrayView bytes, Sink&& sink) {
        feedTo(bytes, callbackOf(sink));
    }
    // The stream ended cleanly: an event (or NDJSON line) still pending without its
    // terminating blank line / newline is completed and handed to sink.
    template <typename Sink> void finish(Sink&& sink) { finishTo(callbackOf(sink)); }

    // The same, returning copies of the payloads (their types: lastEventTypes()).
    QList<QByteArray> feed(const QByteArray& bytes);
    QList<QByteArray> finish();

    Mode mode() const { return m_mode; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The last "event:" field of the most recently dispatched event ("" if none).
    QByteArray lastEventType() const { return m_lastEventType; }
    // The "event:" field of each payload the latest list-returning feed()/finish()
    // returned, same order ("" where none; always "" in Ndjson mode). Some servers flag
    // errors only this way ("event: error" with a plain-text data line).
    const QList<QByteArray>& lastEventTypes() const { return m_types; }
    QByteArray lastEventId() const { return m_lastEventId; }
    int retryMs() const { return m_retryMs; }
    // Bytes held while waiting for the rest of a line or an event.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size(); }

private:
    // A sink without a std::function (which may allocate) or a template core: a pointer
    // to the caller's callable and a function that calls it.
    struct Callback {
        void* sink;
        void (*call)(void* sink, QByteArrayView payload, QByteArrayView eventType);
        void operator()(QByteArrayView payload, QByteArrayView eventType) const {
            call(sink, payload, eventType);
        }
    };
    template <typename Sink> static Callback callbackOf(Sink& sink) {
        using Callable = std::remove_reference_t<Sink>;
        return {const_cast<void*>(static_cast<const void*>(&sink)),
                [](void* callable, QByteArrayView payload, QByteArrayView eventType) {
                    (*static_cast<Callable*>(callable))(payload, eventType);
                }};
    }

    void feedTo(QByteArrayView bytes, const Callback& sink);
    void finishTo(const Callback& sink);
    void consumeLine(const char* begin, qsizetype length, const Callback& sink);
    void processSseLine(const char* begin, qsizetype length, const Callback& sink);
    void dispatch(const Callback& sink);
    bool checkBound(qsizetype size);
    // Copies `value` into `field` keeping field's buffer (assignment would share or free).
    static void setField(QByteArray* field, QByteArrayView value);

    Mode m_mode;
    qsizetype m_maxEventBytes;
    // Both reused from event to event: emptied with resize(0), which keeps the capacity
    // (clear() would free it and the next event would allocate again).
    QByteArray m_line;      // partial line waiting for its line end
    QByteArray m_data;      // data lines of the current event, each followed by \n
    bool m_hasData = false; // a data field was seen (an empty "data:" still dispatches)
    QByteArray m_eventType;
    QByteArray m_lastEventType;
    QList<QByteArray> m_types; // per payload of the latest list-returning feed()/finish()
    QByteArray m_lastEventId;
    int m_retryMs = -1;
    bool m_skipLf = false; // the previous read ended in \r: a leading \n belongs to it
    int m_bomMatched = 0;  // bytes of the leading BOM matched so far
    bool m_bomDone = false;
    QString m_error;
};
