#include "common/outputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr int kTempNameAttempts = 100;

// "is a character device" — what a non-regular file is, in words a person knows.
QString kindOf(mode_t mode) {
    if (S_ISDIR(mode))
        return QStringLiteral("a directory");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device (like /dev/null)");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a regular file");
}

QString notRegular(const QString& kind, bool viaLink) {
    return (viaLink ? QStringLiteral("is a symlink to ") : QStringLiteral("is ")) + kind +
           QStringLiteral(", not a regular file; Plateau only writes regular files");
}

// A fresh file beside `target` that nobody else can have opened: O_EXCL on a random name.
int createTemp(const QString& target, QByteArray* tempName) {
    const QFileInfo info(target);
    const QString prefix =
        info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".plateau-");
    for (int attempt = 0; attempt < kTempNameAttempts; ++attempt) {
        const QString name =
            prefix + QString::number(QRandomGenerator::global()->generate(), 16).right(8);
        *tempName = QFile::encodeName(name);
        // 0666: the kernel applies the umask, as for any new file.
        const int fd = ::open(tempName->constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

// Writes, syncs and closes `fd`, then renames the temp file over the target. errno tells
// why when false; the temp file is gone either way.
bool commit(int fd, const QByteArray& tempName, const QByteArray& targetName,
            const std::function<bool(int fd)>& writeTo) {
    bool ok = writeTo(fd);
    // A delayed-allocation file system may report a full disk only here.
    if (ok && ::fsync(fd) != 0 && errno != EINVAL)
        ok = false;
    const int saved = errno;
    if (::close(fd) != 0 && ok)
        ok = false;
    else
        errno = saved;
    if (ok && ::rename(tempName.constData(), targetName.constData()) == 0)
        return true;
    const int failure = errno;
    ::unlink(tempName.constData());
    errno = failure;
    return false;
}
} // namespace

bool OutputFile::isStandardOutput(const QString& path) {
    return path == QLatin1String("-");
}

QString OutputFile::errorText(int errnoValue) {
    return qt_error_string(errnoValue);
}

bool OutputFile::checkTarget(const QString& path, QString* target, QString* reason) {
    const QByteArray native = QFile::encodeName(path);
    struct stat link = {};
    if (::lstat(native.constData(), &link) != 0) {
        if (errno == ENOENT) { // a new file (a missing directory is reported when writing)
            *target = path;
            return true;
        }
        *reason = errorText(errno);
        return false;
    }
    struct stat st = link;
    const bool isLink = S_ISLNK(link.st_mode);
    if (isLink && ::stat(native.constData(), &st) != 0) {
        *reason = errno == ENOENT
                      ? QStringLiteral("is a symlink to nothing; Plateau writes through a link "
                                       "only to an existing regular file")
                      : QStringLiteral("is a symlink that cannot be followed: ") + errorText(errno);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *reason = notRegular(kindOf(st.st_mode), isLink);
        return false;
    }
    *target = isLink ? QFileInfo(path).canonicalFilePath() : path;
    return true;
}

bool OutputFile::writeAll(int fd, const QByteArray& bytes) {
    const char* data = bytes.constData();
    qint64 left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC; // a regular file that takes nothing is full
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

bool OutputFile::write(const QString& path, const QByteArray& bytes, QString* error,
                       StandardOutput standardOutput) {
    return writeWith(
        path, [&bytes](int fd) { return writeAll(fd, bytes); }, error, standardOutput);
}

bool OutputFile::writeWith(const QString& path, const std::function<bool(int fd)>& writeTo,
                           QString* error, StandardOutput standardOutput) {
    auto failure = [&](const QString& reason) {
        if (error)
            *error = path + QStringLiteral(": cannot save: ") + reason;
        return false;
    };
    if (isStandardOutput(path)) {
        if (standardOutput != StandardOutput::Allowed)
            return failure(QStringLiteral("\"-\" (standard output) is not accepted here; write "
                                          "./- for a file of that name"));
        std::fflush(stdout); // whatever stdio holds goes first
        if (!writeTo(STDOUT_FILENO))
            return failure(errorText(errno));
        return true;
    }
    QString target;
    QString reason;
    if (!checkTarget(path, &target, &reason))
        return failure(reason);
    const QByteArray targetName = QFile::encodeName(target);
    struct stat existing = {};
    const bool replacing = ::stat(targetName.constData(), &existing) == 0;

    QByteArray tempName;
    const int fd = createTemp(target, &tempName);
    if (fd < 0)
        return failure(errorText(errno));
    if (replacing)
        ::fchmod(fd, existing.st_mode & 07777); // best effort: keep the file's permissions
    if (!commit(fd, tempName, targetName, writeTo))
        return failure(errorText(errno));
    return true;
}
