#include "workload/boundedlinereader.h"

#include "workload/workloadtext.h"

#include <algorithm>

namespace {
void chopLineEnd(QByteArray* line) {
    if (line->endsWith('\n'))
        line->chop(1);
    if (line->endsWith('\r'))
        line->chop(1);
}
} // namespace

BoundedLineReader::BoundedLineReader(QIODevice* device, qint64 maxLineBytes, qint64 maxTotalBytes)
    : m_device(device)
    , m_maxLineBytes(maxLineBytes)
    , m_maxTotalBytes(maxTotalBytes) {}

qint64 BoundedLineReader::readPiece() {
    // Room for a full line plus "\r\n", and the '\0' readLine() writes.
    m_buffer.resize(qsizetype(m_maxLineBytes + 3));
    const qint64 n = m_device->readLine(m_buffer.data(), m_buffer.size());
    if (n < 0 && !m_device->atEnd()) {
        m_error = QStringLiteral("read error: ") + m_device->errorString();
        return -1;
    }
    m_bytesRead += std::max<qint64>(n, 0);
    if (m_maxTotalBytes >= 0 && m_bytesRead > m_maxTotalBytes) {
        m_error = QStringLiteral("larger than the %1 cap for a file")
                      .arg(WorkloadText::sizeText(m_maxTotalBytes));
        return -1;
    }
    return std::max<qint64>(n, 0);
}

void BoundedLineReader::skipRestOfLine() {
    for (;;) {
        const qint64 n = readPiece();
        if (n <= 0)
            return;
        m_lineBytes += n;
        if (m_buffer[qsizetype(n - 1)] == '\n')
            return;
    }
}

BoundedLineReader::Status BoundedLineReader::next(QByteArray* line) {
    line->clear();
    if (!m_error.isEmpty())
        return Status::Error;
    const qint64 n = readPiece();
    if (n < 0)
        return Status::Error;
    if (n == 0)
        return Status::End;
    ++m_lineNumber;
    m_lineBytes = n;
    const bool complete = m_buffer[qsizetype(n - 1)] == '\n';
    if (!complete && n == m_buffer.size() - 1)
        skipRestOfLine(); // the buffer filled up before the line ended
    if (!m_error.isEmpty())
        return Status::Error;
    *line = m_buffer.left(qsizetype(n));
    chopLineEnd(line);
    if (m_lineNumber == 1 && line->startsWith("\xEF\xBB\xBF"))
        line->remove(0, 3);
    if (m_lineBytes > n || line->size() > m_maxLineBytes) {
        line->clear();
        return Status::TooLong;
    }
    return Status::Line;
}
