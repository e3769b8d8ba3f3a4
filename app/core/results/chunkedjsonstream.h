#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <utility>

// RapidJSON's input stream over a source read a piece at a time (a file, or bytes in memory
// for tests and the fuzzer), so a results file is parsed as it is read (issue 17). It also
// caps every string: RapidJSON gathers a whole string before handing it over, so a string
// of gigabytes would be in memory at once; past maxStringBytes the stream ends instead and
// stringTooLong() says so. Numbers likewise (RapidJSON hands a number over as its whole text):
// past kMaxNumberChars, numberTooLong(). It tracks JSON's string syntax only as far as that
// needs (a quote opens or closes a string unless a backslash escapes it).
class ChunkedJsonStream {
public:
    using Ch = char;
    // Fills the buffer: the count, 0 at the end, -1 on a failure (the source says why).
    using Source = std::function<qint64(char* buffer, qint64 size)>;

    ChunkedJsonStream(Source source, qint64 maxStringBytes)
        : m_source(std::move(source))
        , m_maxStringBytes(maxStringBytes)
        , m_buffer(kBufferBytes, Qt::Uninitialized) {}

    // Always inlined: RapidJSON calls them for every byte of a 500 MB file (perf: a call
    // through the PLT each time was an eighth of the load).
    Q_ALWAYS_INLINE Ch Peek() {
        if (m_at == m_end && !refill())
            return '\0';
        return *m_at;
    }
    Q_ALWAYS_INLINE Ch Take() {
        if (m_at == m_end && !refill())
            return '\0';
        const char c = *m_at++;
        ++m_position;
        track(c);
        return c;
    }
    size_t Tell() const { return size_t(m_position); }
    const qint64* position() const { return &m_position; }

    // Reads the rest of the source without parsing it: after a syntax error, a failure of
    // the source (beyond the cap, unreadable) is what to report, as when files were read whole
    // before being parsed (/dev/zero's NULs end RapidJSON's input at once).
    void drain() {
        if (m_stringTooLong || m_numberTooLong)
            return;
        m_at = m_end;
        while (refill())
            m_at = m_end;
    }
    bool failed() const { return m_failed; }
    bool stringTooLong() const { return m_stringTooLong; }
    bool numberTooLong() const { return m_numberTooLong; }
    static constexpr qint64 kMaxNumberChars = 1 << 16; // a double needs at most ~770

    // Unused: RapidJSON needs them for in-place parsing only.
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch*) { return 0; }

private:
    static constexpr qsizetype kBufferBytes = 1 << 16;

    bool refill() {
        if (m_done)
            return false;
        const qint64 n = m_source(m_buffer.data(), kBufferBytes);
        if (n <= 0) {
            m_done = true;
            m_failed = n < 0;
            return false;
        }
        m_at = m_buffer.constData();
        m_end = m_at + n;
        return true;
    }

    Q_ALWAYS_INLINE void track(char c) {
        if (!m_inString) {
            m_inString = c == '"';
            m_stringBytes = 0;
            const bool numberChar =
                (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
            m_numberChars = numberChar ? m_numberChars + 1 : 0;
            if (m_numberChars > kMaxNumberChars) {
                m_numberTooLong = true;
                end();
            }
        } else if (m_escaped) {
            m_escaped = false;
        } else if (c == '\\') {
            m_escaped = true;
        } else if (c == '"') {
            m_inString = false;
        }
        if (m_inString && ++m_stringBytes > m_maxStringBytes) {
            m_stringTooLong = true;
            end();
        }
    }

    void end() { // the parser sees the end of the input here
        m_done = true;
        m_at = m_end;
    }

    Source m_source;
    qint64 m_maxStringBytes;
    QByteArray m_buffer;
    const char* m_at = nullptr;
    const char* m_end = nullptr;
    qint64 m_position = 0;
    qint64 m_stringBytes = 0;
    qint64 m_numberChars = 0;
    bool m_inString = false;
    bool m_escaped = false;
    bool m_done = false;
    bool m_failed = false;
    bool m_stringTooLong = false;
    bool m_numberTooLong = false;
};
