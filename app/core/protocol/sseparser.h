#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

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
class SseParser {
public:
    enum class Mode { Sse, Ndjson };
    static constexpr qsizetype DefaultMaxEventBytes = 8 * 1024 * 1024;

    explicit SseParser(Mode mode = Mode::Sse, qsizetype maxEventBytes = DefaultMaxEventBytes);

    // Consumes the next bytes; returns the payloads of the events they completed, in order.
    QList<QByteArray> feed(const QByteArray& bytes);
    // The stream ended cleanly: an event (or NDJSON line) still pending without its
    // terminating blank line / newline is completed and returned.
    QList<QByteArray> finish();

    Mode mode() const { return m_mode; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The last "event:" field of the most recently dispatched event ("" if none).
    QByteArray lastEventType() const { return m_lastEventType; }
    // The "event:" field of each payload the latest feed()/finish() returned, same order
    // ("" where none; always "" in Ndjson mode). Some servers flag errors only this way
    // ("event: error" with a plain-text data line).
    const QList<QByteArray>& lastEventTypes() const { return m_types; }
    QByteArray lastEventId() const { return m_lastEventId; }
    int retryMs() const { return m_retryMs; }
    // Bytes held while waiting for the rest of a line or an event.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size(); }

private:
    void consumeLine(const char* begin, qsizetype length, QList<QByteArray>* out);
    void processSseLine(const char* begin, qsizetype length, QList<QByteArray>* out);
    void dispatch(QList<QByteArray>* out);
    bool checkBound(qsizetype size);

    Mode m_mode;
    qsizetype m_maxEventBytes;
    QByteArray m_line;      // partial line waiting for its line end
    QByteArray m_data;      // data lines of the current event, each followed by \n
    bool m_hasData = false; // a data field was seen (an empty "data:" still dispatches)
    QByteArray m_eventType;
    QByteArray m_lastEventType;
    QList<QByteArray> m_types; // per payload of the latest feed()/finish()
    QByteArray m_lastEventId;
    int m_retryMs = -1;
    bool m_skipLf = false; // the previous read ended in \r: a leading \n belongs to it
    int m_bomMatched = 0;  // bytes of the leading BOM matched so far
    bool m_bomDone = false;
    QString m_error;
};
