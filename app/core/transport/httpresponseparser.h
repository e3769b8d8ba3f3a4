#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QVarLengthArray>

// Incremental HTTP/1.1 response parser for the direct transport: status line and headers,
// then the body framed by Content-Length, chunked transfer encoding (sizes, extensions and
// trailers split anywhere across reads) or the connection's close. Interim 1xx responses
// are skipped. It copies no body bytes: the body of one read comes out as views of the
// bytes fed (one per chunk, or piece of one), which the caller hands to the decoder with
// that read's timestamp. Whoever keeps body bytes beyond that copies them (issue 17: no
// allocation per event on the receive path).
class HttpResponseParser {
public:
    // What one feed() produced.
    struct Output {
        bool headComplete = false; // the final (non-1xx) head was completed by this feed
        // Body bytes (de-chunked) carried by this feed, in order: views of the bytes fed,
        // valid as long as those are. Inline room for the chunks of a burst; more spill to
        // the heap.
        QVarLengthArray<QByteArrayView, 16> body;
        bool complete = false; // the response ended (its framing says so)
        bool failed = false;   // malformed: the connection cannot be trusted
        QString error;
    };

    void feed(QByteArrayView data, Output* out);
    // The peer closed the connection: completes a close-delimited body; anything else
    // still open is a truncated response (returns false).
    bool finishOnClose();

    bool headComplete() const { return m_state > State::Head; }
    bool isComplete() const { return m_state == State::Done; }
    bool hasFailed() const { return m_state == State::Failed; }
    bool receivedAnything() const { return m_receivedAnything; }
    int status() const { return m_status; }
    QByteArray header(QByteArrayView lowerCaseName) const; // first value, empty if none
    // Whether the connection may carry the next request once this response is complete.
    bool keepAlive() const { return m_keepAlive && m_framing != Framing::Close; }

private:
    enum class State { Head, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Data, Done, Failed };
    enum class Framing { None, Length, Chunked, Close };

    qsizetype parseHead(QByteArrayView data, Output* out);
    bool interpretHead(Output* out);
    // Takes bytes up to and including a line end; *line is the complete line without its
    // ending once *lineComplete (a view of `data` when the whole line is in it, no copy).
    qsizetype takeLine(QByteArrayView data, QByteArrayView* line, bool* lineComplete);
    bool parseChunkSize(QByteArrayView line, Output* out);
    void fail(Output* out, const QString& error);

    State m_state = State::Head;
    Framing m_framing = Framing::None;
    QByteArray m_line; // a head, chunk-size or trailer line still incomplete
    QList<QPair<QByteArray, QByteArray>> m_headers;
    int m_status = 0;
    bool m_keepAlive = false;
    bool m_receivedAnything = false;
    qint64 m_remaining = 0; // body or chunk bytes still due
};
