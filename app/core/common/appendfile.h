#pragma once

#include <QByteArray>
#include <QString>

// A file written line by line as things happen (the journal), straight to the kernel:
// each append() is one write() loop, so a killed process keeps every complete append.
// The file goes through OutputFile's check: only a regular file (or a symlink to one) is
// created or truncated; a device, FIFO or directory is refused.
//
// Failures are caught at once: the first append (or close) that fails is remembered with
// the operating system's reason, the partial data it left is cut back so the file ends
// on a complete append, and nothing more is written afterwards (a later append would
// glue itself to a torn one). Not thread-safe: the owner serialises.
class AppendFile {
public:
    AppendFile() = default;
    ~AppendFile();
    AppendFile(const AppendFile&) = delete;
    AppendFile& operator=(const AppendFile&) = delete;

    // Creates or truncates `path`. False with "<path>: <reason>".
    bool open(const QString& path, QString* error);
    // Takes over an open descriptor (closed by close()); `name` is used in messages. The
    // test seam for devices such as /dev/full, which open() refuses.
    void adopt(int fd, const QString& name);

    bool isOpen() const { return m_fd >= 0; }
    QString path() const { return m_path; }
    // False (and nothing written) once an append has failed.
    bool append(const QByteArray& bytes);
    // False if this close (or an earlier append) failed.
    bool close();
    // "<path>: <reason>" of the first failure, "" if none.
    QString error() const { return m_error; }
    bool failed() const { return !m_error.isEmpty(); }
    // Bytes of complete appends in the file.
    qint64 size() const { return m_size; }

private:
    void fail(const QString& action, int errnoValue);

    int m_fd = -1;
    QString m_path;
    QString m_error;
    qint64 m_size = 0;
};
