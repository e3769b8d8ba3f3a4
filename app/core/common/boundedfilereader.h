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

    // The same file read a piece at a time, with the same checks and reasons: a results file
    // of a million requests is parsed as it is read, never whole in memory (issue 17).
    class Stream {
    public:
        Stream(const QString& path, qint64 maxBytes, const QString& what,
               int idleTimeoutMs = kDefaultIdleTimeoutMs);
        ~Stream();
        Stream(const Stream&) = delete;
        Stream& operator=(const Stream&) = delete;
        // Up to `size` bytes into `buffer`: the count, 0 at the end, -1 on a failure.
        qint64 read(char* buffer, qint64 size);
        Failure failure() const { return m_failure; }
        const QString& reason() const { return m_reason; }

    private:
        qint64 fail(Failure failure, const QString& reason);

        int m_fd = -1;
        bool m_regular = false;
        qint64 m_maxBytes = 0;
        qint64 m_readBytes = 0;
        int m_idleTimeoutMs = kDefaultIdleTimeoutMs;
        QString m_tooLarge;
        Failure m_failure = Failure::None;
        QString m_reason;
    };
};
