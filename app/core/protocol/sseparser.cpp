#include "protocol/sseparser.h"

#include <cstring>
#include <utility>

namespace {
constexpr char kBom[] = "\xEF\xBB\xBF"; // NUL-terminated: strlen-safe for the optimiser

// First \r or \n in [p, end), or end. Two memchr scans beat one byte loop by far: most
// streams use \n only, and memchr is vectorised.
const char* findLineEnd(const char* p, const char* end) {
    const auto* lf = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
    const char* limit = lf ? lf : end;
    const auto* cr = static_cast<const char*>(std::memchr(p, '\r', size_t(limit - p)));
    return cr ? cr : limit;
}

bool isBlank(const char* begin, qsizetype length) {
    for (qsizetype i = 0; i < length; ++i) {
        const char c = begin[i];
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}
} // namespace

SseParser::SseParser(Mode mode, qsizetype maxEventBytes)
    : m_mode(mode)
    , m_maxEventBytes(maxEventBytes > 0 ? maxEventBytes : DefaultMaxEventBytes) {}

QList<QByteArray> SseParser::feed(const QByteArray& bytes) {
    QList<QByteArray> out;
    m_types.clear();
    if (hasError() || bytes.isEmpty())
        return out;

    const char* p = bytes.constData();
    const char* const end = p + bytes.size();

    // A BOM may itself be split across reads: match it byte by byte before anything else.
    if (!m_bomDone) {
        while (p < end && m_bomMatched < 3 && *p == kBom[m_bomMatched]) {
            ++m_bomMatched;
            ++p;
        }
        if (m_bomMatched == 3) {
            m_bomDone = true;
        } else if (p < end) {
            // Not a BOM after all: the bytes matched so far are ordinary content.
            m_bomDone = true;
            m_line.append(kBom, m_bomMatched);
        } else {
            return out; // still could be a BOM
        }
    }

    if (m_skipLf && p < end) {
        m_skipLf = false;
        if (*p == '\n')
            ++p;
    }

    while (p < end) {
        const char* lineEnd = findLineEnd(p, end);
        if (lineEnd == end) {
            // No line end yet: keep the partial line for the next read.
            if (!checkBound(m_line.size() + (end - p)))
                return out;
            m_line.append(p, end - p);
            break;
        }
        if (m_line.isEmpty()) {
            // The same bound whether a line arrives in one read or in many.
            if (!checkBound(lineEnd - p))
                return out;
            consumeLine(p, lineEnd - p, &out);
        } else {
            if (!checkBound(m_line.size() + (lineEnd - p)))
                return out;
            m_line.append(p, lineEnd - p);
            const QByteArray line = std::exchange(m_line, QByteArray());
            consumeLine(line.constData(), line.size(), &out);
        }
        if (hasError())
            return out;
        p = lineEnd + 1;
        if (*lineEnd == '\r') {
            if (p == end)
                m_skipLf = true; // the \n of a \r\n may come in the next read
            else if (*p == '\n')
                ++p;
        }
    }
    return out;
}

QList<QByteArray> SseParser::finish() {
    QList<QByteArray> out;
    m_types.clear();
    if (hasError())
        return out;
    if (!m_bomDone && m_bomMatched > 0) // the whole body was a BOM prefix: it is content
        m_line.append(kBom, m_bomMatched);
    m_bomDone = true;
    if (!m_line.isEmpty()) {
        const QByteArray line = std::exchange(m_line, QByteArray());
        consumeLine(line.constData(), line.size(), &out);
    }
    if (m_mode == Mode::Sse && !hasError())
        dispatch(&out);
    return out;
}

void SseParser::consumeLine(const char* begin, qsizetype length, QList<QByteArray>* out) {
    if (m_mode == Mode::Ndjson) {
        if (!isBlank(begin, length)) {
            out->append(QByteArray(begin, length).trimmed());
            m_types.append(QByteArray());
        }
        return;
    }
    processSseLine(begin, length, out);
}

void SseParser::processSseLine(const char* begin, qsizetype length, QList<QByteArray>* out) {
    if (length == 0) {
        dispatch(out);
        return;
    }
    if (begin[0] == ':')
        return; // comment (often a keep-alive)

    const char* colon = static_cast<const char*>(std::memchr(begin, ':', size_t(length)));
    const qsizetype nameLength = colon ? colon - begin : length;
    const char* value = colon ? colon + 1 : begin + length;
    qsizetype valueLength = colon ? length - nameLength - 1 : 0;
    if (valueLength > 0 && *value == ' ') { // exactly one leading space is not part of the value
        ++value;
        --valueLength;
    }

    const auto nameIs = [&](const char* name) {
        return qsizetype(std::strlen(name)) == nameLength &&
               std::memcmp(begin, name, size_t(nameLength)) == 0;
    };
    if (nameIs("data")) {
        if (!checkBound(m_data.size() + valueLength + 1))
            return;
        m_data.append(value, valueLength);
        m_data.append('\n');
        m_hasData = true;
    } else if (nameIs("event")) {
        m_eventType = QByteArray(value, valueLength);
    } else if (nameIs("id")) {
        if (!std::memchr(value, '\0', size_t(valueLength)))
            m_lastEventId = QByteArray(value, valueLength);
    } else if (nameIs("retry")) {
        bool ok = false;
        const int retry = QByteArray(value, valueLength).toInt(&ok);
        if (ok && retry >= 0)
            m_retryMs = retry;
    }
    // Any other field name is ignored, as the event-stream rules require.
}

void SseParser::dispatch(QList<QByteArray>* out) {
    if (m_hasData) {
        m_data.chop(1); // the \n after the last data line
        out->append(std::exchange(m_data, QByteArray()));
        m_types.append(m_eventType);
        m_lastEventType = m_eventType;
    }
    m_data.clear();
    m_hasData = false;
    m_eventType.clear();
}

bool SseParser::checkBound(qsizetype size) {
    if (size <= m_maxEventBytes)
        return true;
    m_error = QStringLiteral("event stream line or event exceeds %1 bytes without an end; "
                             "giving up on this response")
                  .arg(m_maxEventBytes);
    m_line.clear();
    m_data.clear();
    m_hasData = false;
    return false;
}
