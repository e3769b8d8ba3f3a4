#pragma once

#include "sim/simhttprequest.h"

#include <QByteArray>

// Incremental HTTP/1.1 request parser: feed bytes as they arrive, take requests out one at
// a time (pipelined requests stay buffered). Bounded: oversized headers or bodies and
// malformed framing become an error status, never unbounded memory.
class SimHttpParser {
public:
    enum class State { NeedMore, HeadersDone, Complete, Error };

    static constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

    void append(const QByteArray& bytes) { m_buffer.append(bytes); }
    // Advances as far as the buffered bytes allow. HeadersDone is returned once per request,
    // before its body is complete, so the server can answer "Expect: 100-continue".
    State parse();
    // The finished request (after Complete); resets for the next one.
    SimHttpRequest take();

    int errorStatus() const { return m_errorStatus; } // 400, 411, 413, 431, 501, 505
    QByteArray errorMessage() const { return m_errorMessage; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }
    qsizetype bufferedBytes() const { return m_buffer.size(); }
    bool inRequest() const { return m_inHeaders || m_headersDone; }

private:
    State fail(int status, const char* message);
    bool parseHead(const QByteArray& head);

    QByteArray m_buffer;
    SimHttpRequest m_request;
    qsizetype m_bodyLength = 0;
    bool m_inHeaders = false;
    bool m_headersDone = false;
    bool m_headersReported = false;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};
