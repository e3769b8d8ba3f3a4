#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

// The one way Plateau writes a file a person named (results, CSV, vLLM files, profiles,
// exported charts; the journal opens its file through the same check, see AppendFile).
//
// - Only a regular file is ever replaced. A directory, a device (/dev/null, a disk), a
//   FIFO or a socket is refused with the reason, never renamed over or written into.
// - A symlink to a regular file is followed: the file it points to gets the new content
//   and the link stays (what editors do, so a link into a shared folder keeps working).
//   A symlink to anything else, or to nothing, is refused like that thing.
// - The new content goes to a temporary file beside the target, is synced, and is
//   renamed over the target only when complete: a full disk or a crash leaves the old
//   file as it was. A new file gets the usual permissions (0666 minus the umask), a
//   replaced one keeps its own.
// - Errors carry the operating system's reason ("No space left on device"), never a
//   generic "cannot save".
// - "-" means standard output, where the caller allows it (StandardOutput::Allowed).
class OutputFile {
public:
    enum class StandardOutput { Refused, Allowed };

    // True for "-", the conventional name of standard output.
    static bool isStandardOutput(const QString& path);

    // Whether `path` may be written: it does not exist yet, or it is a regular file (or a
    // symlink to one). target: the file to replace (the link's target for a symlink).
    // reason: why not ("is a character device, not a regular file ..."), without the path.
    static bool checkTarget(const QString& path, QString* target, QString* reason);

    // Writes `bytes` as the whole new content of `path`. False with
    // "<path>: cannot save: <reason>".
    static bool write(const QString& path, const QByteArray& bytes, QString* error,
                      StandardOutput standardOutput = StandardOutput::Refused);

    // The same, for content too large to hold at once: `writeTo` writes it to the descriptor
    // it is given (writeAll, piece by piece) and returns false with errno set on a failure.
    static bool writeWith(const QString& path, const std::function<bool(int fd)>& writeTo,
                          QString* error, StandardOutput standardOutput = StandardOutput::Refused);

    // Writes all of `bytes` to an open descriptor, retrying short writes and EINTR.
    // False with errno set by the failed write.
    static bool writeAll(int fd, const QByteArray& bytes);

    // The operating system's text for an errno value ("No space left on device").
    static QString errorText(int errnoValue);
};
