#include "workload/jsonarraysplitter.h"

#include "workload/workloadtext.h"

namespace {
bool isJsonSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Where an element's scan stands between two chunks.
struct ScanState {
    int depth = 0;
    bool inString = false;
    bool escape = false;
    bool scalar = false; // a number, literal or garbage: ends at ',', ']' or a space
};

// Advances through data[from, size): returns the index just past the element's end, or -1
// when the element goes on in the next chunk.
qsizetype scan(const char* data, qsizetype from, qsizetype size, ScanState* s) {
    for (qsizetype i = from; i < size; ++i) {
        const char c = data[i];
        if (s->scalar) {
            if (c == ',' || c == ']' || isJsonSpace(c))
                return i;
        } else if (s->inString) {
            if (s->escape)
                s->escape = false;
            else if (c == '\\')
                s->escape = true;
            else if (c == '"') {
                s->inString = false;
                if (s->depth == 0)
                    return i + 1; // a top-level string element
            }
        } else if (c == '"') {
            s->inString = true;
        } else if (c == '{' || c == '[') {
            ++s->depth;
        } else if (c == '}' || c == ']') {
            if (--s->depth == 0)
                return i + 1;
        }
    }
    return -1;
}
} // namespace

JsonArraySplitter::JsonArraySplitter(QIODevice* device, qint64 maxElementBytes,
                                     qint64 maxTotalBytes)
    : m_device(device)
    , m_maxElementBytes(maxElementBytes)
    , m_maxTotalBytes(maxTotalBytes) {}

bool JsonArraySplitter::fill() {
    if (!m_error.isEmpty())
        return false;
    m_chunkOffset += m_chunk.size();
    m_pos = 0;
    m_chunk.resize(kChunkBytes);
    const qint64 n = m_device->read(m_chunk.data(), kChunkBytes);
    m_chunk.resize(n > 0 ? qsizetype(n) : 0);
    if (n < 0)
        m_error = QStringLiteral("read error: ") + m_device->errorString();
    else if (m_maxTotalBytes >= 0 && bytesRead() > m_maxTotalBytes)
        m_error = QStringLiteral("larger than the %1 cap for a file")
                      .arg(WorkloadText::sizeText(m_maxTotalBytes));
    return n > 0 && m_error.isEmpty();
}

bool JsonArraySplitter::skipSpace() {
    for (;;) {
        while (m_pos < m_chunk.size() && isJsonSpace(m_chunk[m_pos]))
            ++m_pos;
        if (m_pos < m_chunk.size())
            return true;
        if (!fill())
            return false;
    }
}

JsonArraySplitter::Status JsonArraySplitter::fail(const QString& message) {
    m_error = message;
    m_state = State::Done;
    return Status::Error;
}

JsonArraySplitter::Status JsonArraySplitter::next(QByteArray* element) {
    element->clear();
    if (m_state == State::Start && !openArray())
        return Status::Error;
    if (m_state == State::AfterElement) {
        Status status = Status::End;
        if (!expectSeparator(&status))
            return status;
    }
    if (m_state == State::Done)
        return m_error.isEmpty() ? Status::End : Status::Error;
    if (!skipSpace())
        return endOfInput();
    const char c = m_chunk[m_pos];
    if (c == ']') // an empty array, or a trailing comma (lenient: some tools write one)
        return closeArray();
    if (c == ',')
        return fail(QStringLiteral("byte %1: an entry is missing before ','").arg(position()));
    return scanElement(element);
}

bool JsonArraySplitter::openArray() {
    if (!fill() && !m_error.isEmpty()) {
        fail(m_error);
        return false;
    }
    if (m_chunk.startsWith("\xEF\xBB\xBF"))
        m_pos = 3; // a UTF-8 byte order mark, as some editors write
    if (!skipSpace()) {
        fail(m_error.isEmpty() ? QStringLiteral("the file is empty") : m_error);
        return false;
    }
    if (m_chunk[m_pos] != '[') {
        fail(QStringLiteral("byte %1: expected '[' to open the list of entries").arg(position()));
        return false;
    }
    ++m_pos;
    m_state = State::FirstElement;
    return true;
}

bool JsonArraySplitter::expectSeparator(Status* status) {
    if (!skipSpace()) {
        *status = endOfInput();
        return false;
    }
    const char c = m_chunk[m_pos];
    if (c == ']') {
        *status = closeArray();
        return false;
    }
    if (c != ',') {
        *status = fail(QStringLiteral("byte %1: expected ',' or ']' after entry %2")
                           .arg(position())
                           .arg(m_elements));
        return false;
    }
    ++m_pos;
    m_state = State::NextElement;
    return true;
}

JsonArraySplitter::Status JsonArraySplitter::endOfInput() {
    if (!m_error.isEmpty())
        return fail(m_error);
    m_state = State::Done; // closed() stays false: the file was cut off
    return Status::End;
}

JsonArraySplitter::Status JsonArraySplitter::closeArray() {
    ++m_pos;
    m_closed = true;
    m_state = State::Done;
    m_trailing = skipSpace();
    return m_error.isEmpty() ? Status::End : fail(m_error);
}

JsonArraySplitter::Status JsonArraySplitter::scanElement(QByteArray* element) {
    ++m_elements;
    m_elementOffset = position();
    m_elementSize = 0;
    ScanState state;
    const char first = m_chunk[m_pos];
    state.scalar = first != '{' && first != '[' && first != '"';
    bool tooLarge = false;
    for (;;) {
        const qsizetype end = scan(m_chunk.constData(), m_pos, m_chunk.size(), &state);
        const qsizetype stop = end < 0 ? m_chunk.size() : end;
        const qsizetype n = stop - m_pos;
        m_elementSize += n;
        if (!tooLarge && element->size() + n > m_maxElementBytes) {
            tooLarge = true;
            *element = QByteArray(); // free it: the rest is only scanned
        } else if (!tooLarge) {
            element->append(m_chunk.constData() + m_pos, n);
        }
        m_pos = stop;
        if (end >= 0)
            break;
        if (!fill()) {
            if (!m_error.isEmpty())
                return fail(m_error);
            m_state = State::Done;
            *element = QByteArray();
            return Status::Truncated;
        }
    }
    m_state = State::AfterElement;
    return tooLarge ? Status::TooLarge : Status::Element;
}
