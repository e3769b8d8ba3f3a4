#include "common/boundedfilereader.h"

#include "common/outputfile.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr qint64 kChunkBytes = 64 * 1024;

using Result = BoundedFileReader::Result;
using Failure = BoundedFileReader::Failure;

Result failed(Failure failure, const QString& reason) {
    Result result;
    result.failure = failure;
    result.reason = reason;
    return result;
}

// Waits until the device or pipe has something (or its writer left). False on a stall.
bool waitReadable(int fd, int idleTimeoutMs) {
    pollfd p = {fd, POLLIN, 0};
    for (;;) {
        const int ready = ::poll(&p, 1, idleTimeoutMs);
        if (ready > 0)
            return true;
        if (ready == 0)
            return false;
        if (errno != EINTR)
            return true; // let read() report the error
    }
}

// Reads up to `room` bytes; 0 at the end of the file, -1 with errno on an error.
qint64 readChunk(int fd, bool regular, int idleTimeoutMs, qint64 room, char* buffer,
                 bool* stalled) {
    for (;;) {
        if (!regular && !waitReadable(fd, idleTimeoutMs)) {
            *stalled = true;
            return -1;
        }
        const ssize_t n = ::read(fd, buffer, size_t(room));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return n;
    }
}
} // namespace

QString BoundedFileReader::sizeText(qint64 bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QString::number(bytes / (1024 * 1024)) + QStringLiteral(" MiB");
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QString::number(bytes / 1024) + QStringLiteral(" KiB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

BoundedFileReader::Stream::Stream(const QString& path, qint64 maxBytes, const QString& what,
                                  int idleTimeoutMs)
    : m_maxBytes(maxBytes)
    , m_idleTimeoutMs(idleTimeoutMs)
    , m_tooLarge(QStringLiteral("is larger than the ") + sizeText(maxBytes) + QStringLiteral(" ") +
                 what + QStringLiteral(" may have")) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; reads are polled instead.
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0) {
        if (errno == ENOENT)
            fail(Failure::NotFound, QStringLiteral("no such file"));
        else
            fail(Failure::Unreadable,
                 QStringLiteral("cannot read: ") + OutputFile::errorText(errno));
        return;
    }
    struct stat st = {};
    if (::fstat(m_fd, &st) != 0) {
        fail(Failure::Unreadable, QStringLiteral("cannot read: ") + OutputFile::errorText(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        fail(Failure::IsDirectory, QStringLiteral("is a directory"));
        return;
    }
    m_regular = S_ISREG(st.st_mode);
    if (m_regular && st.st_size > maxBytes) {
        fail(Failure::TooLarge, m_tooLarge + QStringLiteral(" (") + QString::number(st.st_size) +
                                    QStringLiteral(" bytes)"));
        return;
    }
    if (m_regular)
        ::fcntl(m_fd, F_SETFL, 0); // a regular file never blocks: plain reads
}

BoundedFileReader::Stream::~Stream() {
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 BoundedFileReader::Stream::fail(Failure failure, const QString& reason) {
    m_failure = failure;
    m_reason = reason;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    return -1;
}

qint64 BoundedFileReader::Stream::read(char* buffer, qint64 size) {
    if (m_failure != Failure::None)
        return -1;
    if (m_fd < 0 || size <= 0)
        return 0;
    // One byte more than the cap tells "exactly at the cap" from "beyond it".
    const qint64 room = std::min({size, kChunkBytes, m_maxBytes + 1 - m_readBytes});
    bool stalled = false;
    const qint64 n = readChunk(m_fd, m_regular, m_idleTimeoutMs, room, buffer, &stalled);
    if (n < 0 && stalled)
        return fail(Failure::Stalled, QStringLiteral("sent nothing for %1 s (a pipe or device "
                                                     "that nobody writes to?); gave up")
                                          .arg(m_idleTimeoutMs / 1000.0));
    if (n < 0)
        return fail(Failure::Unreadable,
                    QStringLiteral("cannot read: ") + OutputFile::errorText(errno));
    m_readBytes += n;
    if (m_readBytes > m_maxBytes)
        return fail(Failure::TooLarge,
                    m_regular ? m_tooLarge
                              : m_tooLarge + QStringLiteral(" (it is a device or a pipe that "
                                                            "went on past that; stopped there)"));
    if (n == 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    return n;
}

BoundedFileReader::Result BoundedFileReader::read(const QString& path, qint64 maxBytes,
                                                  const QString& what, int idleTimeoutMs) {
    Stream stream(path, maxBytes, what, idleTimeoutMs);
    Result result;
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size <= maxBytes)
        result.data.reserve(qsizetype(st.st_size));
    char buffer[kChunkBytes];
    for (;;) {
        const qint64 n = stream.read(buffer, kChunkBytes);
        if (n < 0)
            return failed(stream.failure(), stream.reason());
        if (n == 0)
            return result;
        result.data.append(buffer, n);
    }
}
