#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

// Reads a device line by line with a cap on each line: a line longer than maxLineBytes is
// skipped (read through to its end without keeping it) and reported, so one monster line
// cannot fill the memory. Line ends (\n or \r\n) are removed; a UTF-8 byte order mark
// before the first line is dropped.
class BoundedLineReader {
public:
    enum class Status { Line, TooLong, End, Error };

    // maxTotalBytes: stop with Error once more was read (a cap for pipes); -1: none.
    BoundedLineReader(QIODevice* device, qint64 maxLineBytes, qint64 maxTotalBytes = -1);

    Status next(QByteArray* line);
    qint64 lineNumber() const { return m_lineNumber; } // 1-based, of the last line returned
    qint64 lineBytes() const { return m_lineBytes; }   // its length, even when TooLong
    qint64 bytesRead() const { return m_bytesRead; }
    QString errorString() const { return m_error; }

private:
    qint64 readPiece(); // into m_buffer; bytes read (0 at the end), -1 on error
    void skipRestOfLine();

    QIODevice* m_device;
    qint64 m_maxLineBytes;
    qint64 m_maxTotalBytes;
    QByteArray m_buffer;
    qint64 m_lineNumber = 0;
    qint64 m_lineBytes = 0;
    qint64 m_bytesRead = 0;
    QString m_error;
};
