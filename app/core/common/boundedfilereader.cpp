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

// Appends up to `room` bytes; 0 at the end of the file, -1 with errno on an error.
qint64 readChunk(int fd, bool regular, int idleTimeoutMs, qint64 room, QByteArray* data,
                 bool* stalled) {
    char buffer[kChunkBytes];
    for (;;) {
        if (!regular && !waitReadable(fd, idleTimeoutMs)) {
            *stalled = true;
            return -1;
        }
        const ssize_t n = ::read(fd, buffer, size_t(std::min(room, kChunkBytes)));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n > 0)
            data->append(buffer, n);
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

BoundedFileReader::Result BoundedFileReader::read(const QString& path, qint64 maxBytes,
                                                  const QString& what, int idleTimeoutMs) {
    const QString tooLarge = QStringLiteral("is larger than the ") + sizeText(maxBytes) +
                             QStringLiteral(" ") + what + QStringLiteral(" may have");
    // O_NONBLOCK: opening a FIFO must not wait for a writer; reads are polled instead.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return failed(Failure::NotFound, QStringLiteral("no such file"));
        return failed(Failure::Unreadable,
                      QStringLiteral("cannot read: ") + OutputFile::errorText(errno));
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        const int saved = errno;
        ::close(fd);
        return failed(Failure::Unreadable,
                      QStringLiteral("cannot read: ") + OutputFile::errorText(saved));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return failed(Failure::IsDirectory, QStringLiteral("is a directory"));
    }
    const bool regular = S_ISREG(st.st_mode);
    if (regular && st.st_size > maxBytes) {
        ::close(fd);
        return failed(Failure::TooLarge, tooLarge + QStringLiteral(" (") +
                                             QString::number(st.st_size) +
                                             QStringLiteral(" bytes)"));
    }
    if (regular) {
        ::fcntl(fd, F_SETFL, 0); // a regular file never blocks: plain reads
    }

    Result result;
    if (regular)
        result.data.reserve(qsizetype(st.st_size));
    bool stalled = false;
    for (;;) {
        // One byte more than the cap tells "exactly at the cap" from "beyond it".
        const qint64 room = maxBytes + 1 - result.data.size();
        const qint64 n = readChunk(fd, regular, idleTimeoutMs, room, &result.data, &stalled);
        if (n == 0)
            break;
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            if (stalled)
                return failed(Failure::Stalled,
                              QStringLiteral("sent nothing for %1 s (a pipe or device that "
                                             "nobody writes to?); gave up")
                                  .arg(idleTimeoutMs / 1000.0));
            return failed(Failure::Unreadable,
                          QStringLiteral("cannot read: ") + OutputFile::errorText(saved));
        }
        if (result.data.size() > maxBytes) {
            ::close(fd);
            return failed(Failure::TooLarge,
                          regular ? tooLarge
                                  : tooLarge + QStringLiteral(" (it is a device or a pipe that "
                                                              "went on past that; stopped there)"));
        }
    }
    ::close(fd);
    return result;
}
