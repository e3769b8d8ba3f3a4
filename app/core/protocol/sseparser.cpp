#include "protocol/sseparser.h"

#include <cstring>

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
    feed(bytes, [&](QByteArrayView payload, QByteArrayView eventType) {
        out.append(payload.toByteArray());
        m_types.append(eventType.toByteArray());
    });
    return out;
}

QList<QByteArray> SseParser::finish() {
    QList<QByteArray> out;
    m_types.clear();
    finish([&](QByteArrayView payload, QByteArrayView eventType) {
        out.append(payload.toByteArray());
        m_types.append(eventType.toByteArray());
    });
    return out;
}

void SseParser::feedTo(QByteArrayView bytes, const Callback& sink) {
    if (hasError() || bytes.isEmpty())
        return;

    const char* p = bytes.data();
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
            return; // still could be a BOM
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
                return;
            m_line.append(p, end - p);
            break;
        }
        if (m_line.isEmpty()) {
            // The same bound whether a line arrives in one read or in many.
            if (!checkBound(lineEnd - p))
                return;
            consumeLine(p, lineEnd - p, sink);
        } else {
            if (!checkBound(m_line.size() + (lineEnd - p)))
                return;
            m_line.append(p, lineEnd - p);
            // Consumed in place (data lines are copied to m_data, never to m_line), then
            // emptied with its capacity kept.
            consumeLine(m_line.constData(), m_line.size(), sink);
            m_line.resize(0);
        }
        if (hasError())
            return;
        p = lineEnd + 1;
        if (*lineEnd == '\r') {
            if (p == end)
                m_skipLf = true; // the \n of a \r\n may come in the next read
            else if (*p == '\n')
                ++p;
        }
    }
}

void SseParser::finishTo(const Callback& sink) {
    if (hasError())
        return;
    if (!m_bomDone && m_bomMatched > 0) // the whole body was a BOM prefix: it is content
        m_line.append(kBom, m_bomMatched);
    m_bomDone = true;
    if (!m_line.isEmpty()) {
        consumeLine(m_line.constData(), m_line.size(), sink);
        m_line.resize(0);
    }
    if (m_mode == Mode::Sse && !hasError())
        dispatch(sink);
}

void SseParser::consumeLine(const char* begin, qsizetype length, const Callback& sink) {
    if (m_mode == Mode::Ndjson) {
        if (!isBlank(begin, length))
            sink(QByteArrayView(begin, length).trimmed(), QByteArrayView());
        return;
    }
    processSseLine(begin, length, sink);
}

void SseParser::processSseLine(const char* begin, qsizetype length, const Callback& sink) {
    if (length == 0) {
        dispatch(sink);
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
        setField(&m_eventType, QByteArrayView(value, valueLength));
    } else if (nameIs("id")) {
        if (!std::memchr(value, '\0', size_t(valueLength)))
            setField(&m_lastEventId, QByteArrayView(value, valueLength));
    } else if (nameIs("retry")) {
        bool ok = false;
        const int retry = QByteArray(value, valueLength).toInt(&ok);
        if (ok && retry >= 0)
            m_retryMs = retry;
    }
    // Any other field name is ignored, as the event-stream rules require.
}

void SseParser::dispatch(const Callback& sink) {
    if (m_hasData) {
        // Without the \n after the last data line.
        sink(QByteArrayView(m_data).chopped(1), m_eventType);
        setField(&m_lastEventType, m_eventType);
    }
    m_data.resize(0);
    m_hasData = false;
    m_eventType.resize(0);
}

void SseParser::setField(QByteArray* field, QByteArrayView value) {
    field->resize(0);
    field->append(value);
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
