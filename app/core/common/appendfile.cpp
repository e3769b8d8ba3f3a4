#include "common/appendfile.h"

#include "common/outputfile.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

AppendFile::~AppendFile() {
    close();
}

bool AppendFile::open(const QString& path, QString* error) {
    close();
    m_path = path;
    m_error.clear();
    m_size = 0;
    auto failure = [&](const QString& reason) {
        if (error)
            *error = path + QStringLiteral(": ") + reason;
        return false;
    };
    QString target;
    QString reason;
    if (!OutputFile::checkTarget(path, &target, &reason))
        return failure(reason);
    // O_NONBLOCK: should the path turn into a FIFO after the check, open() must not wait
    // for a reader; the fstat below then refuses it.
    const int fd = ::open(QFile::encodeName(target).constData(),
                          O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0666);
    if (fd < 0)
        return failure(OutputFile::errorText(errno));
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return failure(QStringLiteral("is no longer a regular file; not written"));
    }
    // Truncate only now that it is known to be a regular file.
    if (::ftruncate(fd, 0) != 0 || ::fcntl(fd, F_SETFL, 0) != 0) {
        const int saved = errno;
        ::close(fd);
        return failure(OutputFile::errorText(saved));
    }
    m_fd = fd;
    return true;
}

void AppendFile::adopt(int fd, const QString& name) {
    close();
    m_fd = fd;
    m_path = name;
    m_error.clear();
    m_size = 0;
}

bool AppendFile::append(const QByteArray& bytes) {
    if (m_fd < 0 || failed())
        return false;
    if (!OutputFile::writeAll(m_fd, bytes)) {
        const int saved = errno;
        // Cut a partial append off, so the file ends on a complete one (and space freed
        // by it goes back to the disk). Best effort: a device cannot be truncated.
        if (::ftruncate(m_fd, m_size) != 0) {
        }
        fail(QStringLiteral("cannot write"), saved);
        return false;
    }
    m_size += bytes.size();
    return true;
}

bool AppendFile::close() {
    if (m_fd < 0)
        return !failed();
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 && !failed())
        fail(QStringLiteral("cannot close"), errno);
    return !failed();
}

void AppendFile::fail(const QString& action, int errnoValue) {
    if (m_error.isEmpty())
        m_error = m_path + QStringLiteral(": ") + action + QStringLiteral(": ") +
                  OutputFile::errorText(errnoValue);
}
