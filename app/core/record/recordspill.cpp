#include "record/recordspill.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {
QString systemError(const char* what) {
    return QStringLiteral("%1: %2").arg(QString::fromLatin1(what),
                                        QString::fromLocal8Bit(std::strerror(errno)));
}
} // namespace

std::shared_ptr<RecordSpill> RecordSpill::create(QString* error) {
    const QByteArray directory = QFile::encodeName(QDir::tempPath());
    // Readable and writable by this user only, and never linked into the directory.
    int fd = ::open(directory.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) { // a file system without O_TMPFILE: a named file, unlinked at once
        QByteArray name = directory + "/plateau-records-XXXXXX";
        fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd >= 0)
            ::unlink(name.constData());
    }
    if (fd < 0) {
        *error = QStringLiteral("cannot make a temporary file in %1: %2")
                     .arg(QDir::tempPath(), QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    return std::shared_ptr<RecordSpill>(new RecordSpill(fd));
}

RecordSpill::RecordSpill(int fd)
    : m_fd(fd) {}

RecordSpill::~RecordSpill() {
    ::close(m_fd);
}

RecordSpill::Place RecordSpill::write(const QByteArray& chunk, QString* error) {
    QMutexLocker lock(&m_mutex);
    const qint64 offset = m_end;
    qint64 done = 0;
    while (done < chunk.size()) {
        const ssize_t n = ::pwrite(m_fd, chunk.constData() + done, size_t(chunk.size() - done),
                                   off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = systemError("cannot write the temporary file of records");
            return {};
        }
        done += n;
    }
    m_end += chunk.size();
    return {offset, chunk.size()};
}

bool RecordSpill::readAt(qint64 offset, char* into, qint64 size) const {
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(m_fd, into + done, size_t(size - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray RecordSpill::block(qint64 number) const {
    const auto cached = std::find_if(m_cache.begin(), m_cache.end(),
                                     [number](const CachedBlock& b) { return b.number == number; });
    if (cached != m_cache.end()) {
        const CachedBlock hit = *cached;
        m_cache.erase(cached);
        m_cache.append(hit);
        return hit.bytes;
    }
    const qint64 offset = number * kBlockBytes;
    const qint64 size = std::min(kBlockBytes, m_end - offset);
    QByteArray bytes(size, Qt::Uninitialized);
    if (!readAt(offset, bytes.data(), size))
        return {};
    // The last block grows with the next write: only a whole one is kept.
    if (size == kBlockBytes) {
        if (m_cache.size() == kCachedBlocks)
            m_cache.removeFirst();
        m_cache.append({number, bytes});
    }
    return bytes;
}

QByteArray RecordSpill::read(const Place& place, qint64 from, qint64 to, qsizetype* start) const {
    Q_ASSERT(0 <= from && from < to && to <= place.size);
    const qint64 first = place.offset + from;
    const qint64 last = place.offset + to - 1;
    QMutexLocker lock(&m_mutex);
    if (first / kBlockBytes == last / kBlockBytes) { // within one block: the common case
        const QByteArray bytes = block(first / kBlockBytes);
        *start = qsizetype(first % kBlockBytes);
        return bytes.size() > *start + (last - first) ? bytes : QByteArray();
    }
    lock.unlock(); // a long record: read on its own, past the cache
    QByteArray bytes(to - from, Qt::Uninitialized);
    *start = 0;
    return readAt(first, bytes.data(), to - from) ? bytes : QByteArray();
}
