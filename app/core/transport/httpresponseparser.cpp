#include "transport/httpresponseparser.h"

#include <algorithm>
#include <limits>

namespace {
// Bounds that stop a misbehaving peer from growing our buffers without end.
constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxLine = 8 * 1024;

// The end of the head in `buffer` (index just past the blank line), or -1. Accepts bare
// \n line endings as well as \r\n, as lenient clients do.
qsizetype headEnd(const QByteArray& buffer, qsizetype from) {
    for (qsizetype i = std::max<qsizetype>(0, from); i < buffer.size(); ++i) {
        if (buffer.at(i) != '\n')
            continue;
        if (i + 1 < buffer.size() && buffer.at(i + 1) == '\n')
            return i + 2;
        if (i + 2 < buffer.size() && buffer.at(i + 1) == '\r' && buffer.at(i + 2) == '\n')
            return i + 3;
    }
    return -1;
}

bool hasToken(const QByteArray& value, QByteArrayView token) {
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray& part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

QByteArray HttpResponseParser::header(QByteArrayView lowerCaseName) const {
    for (const auto& entry : m_headers) {
        if (entry.first == lowerCaseName)
            return entry.second;
    }
    return {};
}

void HttpResponseParser::fail(Output* out, const QString& error) {
    m_state = State::Failed;
    out->failed = true;
    out->error = error;
}

void HttpResponseParser::feed(QByteArrayView data, Output* out) {
    if (!data.isEmpty())
        m_receivedAnything = true;
    while (!data.isEmpty() && m_state != State::Done && m_state != State::Failed) {
        qsizetype used = 0;
        bool lineComplete = false;
        QByteArrayView line;
        switch (m_state) {
        case State::Head:
            used = parseHead(data, out);
            break;
        case State::Data:
        case State::ChunkData: {
            used = qsizetype(std::min<qint64>(m_remaining, data.size()));
            // A view, not a copy: consumers copy what they keep.
            out->body.append(data.first(used));
            m_remaining -= used;
            if (m_remaining == 0)
                m_state = m_state == State::Data ? State::Done : State::ChunkDataEnd;
            break;
        }
        case State::ChunkSize:
            used = takeLine(data, &line, &lineComplete);
            if (lineComplete && parseChunkSize(line, out))
                m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
            break;
        case State::ChunkDataEnd:
            used = takeLine(data, &line, &lineComplete);
            if (!lineComplete)
                break;
            if (!line.trimmed().isEmpty()) {
                fail(out, QStringLiteral("chunk data longer than its size"));
                break;
            }
            m_line.clear();
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            used = takeLine(data, &line, &lineComplete);
            if (!lineComplete)
                break;
            // Trailer fields carry nothing we measure; the empty line ends the response.
            if (line.trimmed().isEmpty())
                m_state = State::Done;
            m_line.clear();
            break;
        case State::Done:
        case State::Failed:
            break;
        }
        data = data.sliced(used);
    }
    if (m_state == State::Failed && !out->failed)
        fail(out, QStringLiteral("overlong line in the response framing"));
    if (m_state == State::Done)
        out->complete = true;
}

bool HttpResponseParser::parseChunkSize(QByteArrayView line, Output* out) {
    // Extensions (";name=value") are allowed and ignored.
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = line.first(semicolon < 0 ? line.size() : semicolon).trimmed();
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok, 16);
    m_line.clear();
    if (!ok || size < 0 || digits.isEmpty()) {
        fail(out, QStringLiteral("malformed chunk size"));
        return false;
    }
    m_remaining = size;
    return true;
}

qsizetype HttpResponseParser::takeLine(QByteArrayView data, QByteArrayView* line,
                                       bool* lineComplete) {
    const qsizetype newline = data.indexOf('\n');
    const qsizetype used = newline < 0 ? data.size() : newline + 1;
    // The line is kept without its line ending.
    QByteArrayView piece = data.first(newline < 0 ? data.size() : newline);
    *lineComplete = newline >= 0;
    if (*lineComplete && m_line.isEmpty()) {
        // The whole line is in this read (the usual case): look at it where it is.
        if (piece.endsWith('\r'))
            piece.chop(1);
        *line = piece;
    } else {
        m_line.append(piece);
        if (*lineComplete && m_line.endsWith('\r'))
            m_line.chop(1);
        *line = m_line;
    }
    if (line->size() > kMaxLine || m_line.size() > kMaxLine) {
        m_state = State::Failed;
        *lineComplete = false;
    }
    return used;
}

qsizetype HttpResponseParser::parseHead(QByteArrayView data, Output* out) {
    const qsizetype before = m_line.size();
    m_line.append(data);
    // A blank line may straddle the previous read: look back two bytes.
    const qsizetype end = headEnd(m_line, before - 2);
    if (end < 0) {
        if (m_line.size() > kMaxHead)
            fail(out, QStringLiteral("response head too large"));
        return data.size();
    }
    const qsizetype used = end - before;
    m_line.truncate(end);
    if (!interpretHead(out))
        return used;
    m_line.clear();
    return used;
}

bool HttpResponseParser::interpretHead(Output* out) {
    QList<QByteArray> lines = m_line.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QByteArray statusLine = lines.value(0);
    // "HTTP/1.1 200 OK": the version, then a three-digit status.
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
    if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(out, QStringLiteral("malformed status line"));
        return false;
    }
    m_headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0)
            continue; // the blank terminator, or junk we do not need
        m_headers.append(
            {lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
    }
    if (status < 200 && status != 101) {
        // 100 Continue / 103 Early Hints: an interim head; the real one follows.
        m_line.clear();
        return false;
    }
    m_status = status;
    const QByteArray connection = header("connection");
    m_keepAlive = statusLine.startsWith("HTTP/1.1") ? !hasToken(connection, "close")
                                                    : hasToken(connection, "keep-alive");
    out->headComplete = true;
    const QByteArray transferEncoding = header("transfer-encoding");
    const QByteArray contentLength = header("content-length");
    if (status == 204 || status == 304) {
        m_framing = Framing::None;
        m_state = State::Done;
    } else if (hasToken(transferEncoding, "chunked")) {
        m_framing = Framing::Chunked;
        m_state = State::ChunkSize;
    } else if (!contentLength.isEmpty()) {
        const qint64 length = contentLength.toLongLong(&ok);
        if (!ok || length < 0) {
            fail(out, QStringLiteral("malformed Content-Length"));
            return false;
        }
        m_framing = Framing::Length;
        m_remaining = length;
        m_state = length == 0 ? State::Done : State::Data;
    } else {
        m_framing = Framing::Close;
        m_remaining = std::numeric_limits<qint64>::max();
        m_state = State::Data;
    }
    return true;
}

bool HttpResponseParser::finishOnClose() {
    if (m_state == State::Data && m_framing == Framing::Close) {
        m_state = State::Done;
        return true;
    }
    return m_state == State::Done;
}
