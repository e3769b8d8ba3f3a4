#pragma once

#include <QByteArray>
#include <QString>

// Reads a whole file a person named (profile, journal, results, prompt file) with a size
// cap that holds whatever the file is: a regular file over the cap is refused before
// reading, and a device or pipe (/dev/zero, a FIFO, `<(cmd)`) is read only up to the cap,
// so nothing reads forever or fills the memory. A device or pipe that sends nothing for
// `idleTimeoutMs` (a FIFO nobody writes to) is given up too, with the reason.
class BoundedFileReader {
public:
    static constexpr int kDefaultIdleTimeoutMs = 30000;

    enum class Failure { None, NotFound, IsDirectory, TooLarge, Stalled, Unreadable };
    struct Result {
        QByteArray data;
        Failure failure = Failure::None;
        // Why not, without the path: "no such file", "is a directory", "is larger than
        // the 16 MiB a profile may have", "cannot read: Permission denied".
        QString reason;
        bool ok() const { return failure == Failure::None; }
    };

    // what: the kind of file in messages ("a profile"). maxBytes: the cap.
    static Result read(const QString& path, qint64 maxBytes, const QString& what,
                       int idleTimeoutMs = kDefaultIdleTimeoutMs);
    // "16 MiB", "512 KiB", "900 bytes".
    static QString sizeText(qint64 bytes);
};
