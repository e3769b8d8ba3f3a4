#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

// Where a RecordStore puts the packed chunks it no longer keeps in memory (issue 17: memory
// that does not grow with the run). A file with no name (O_TMPFILE in the temporary
// directory, QDir::tempPath(), that is $TMPDIR or /tmp; where the file system cannot, a named
// file removed at once): it goes away with the process, even one that crashes, and only this
// user may read it. The records are still in the run's
// journal; this copy is the packed form, read back without parsing.
//
// Reads take the bytes of one record: a sequential pass (a figure over every record) is served
// from the last few 64 KiB blocks read, a table's scattered rows by one small read each.
// Thread-safe: copies of a store share the file, and a worker may read while the GUI does.
class RecordSpill {
public:
    // Where a chunk went: its place in the file and its size.
    struct Place {
        qint64 offset = -1;
        qint64 size = 0;
    };

    // A new spill file; nullptr and *error when none can be made (then records stay in memory).
    static std::shared_ptr<RecordSpill> create(QString* error);
    ~RecordSpill();
    RecordSpill(const RecordSpill&) = delete;
    RecordSpill& operator=(const RecordSpill&) = delete;

    // Appends a chunk; its place, or an offset of -1 and *error when the write failed
    // (a full disk: the caller keeps the chunk in memory).
    Place write(const QByteArray& chunk, QString* error);
    // Bytes [from, to) of a chunk written at `place` (0 <= from < to <= place.size). The
    // returned array holds them from `*start`; empty if the file could not be read.
    QByteArray read(const Place& place, qint64 from, qint64 to, qsizetype* start) const;

private:
    explicit RecordSpill(int fd);
    bool readAt(qint64 offset, char* into, qint64 size) const;
    QByteArray block(qint64 number) const; // from the cache, or read; call with m_mutex held

    static constexpr qint64 kBlockBytes = 64 << 10;
    static constexpr int kCachedBlocks = 16;

    struct CachedBlock {
        qint64 number = -1;
        QByteArray bytes;
    };

    int m_fd = -1;
    mutable QMutex m_mutex;
    qint64 m_end = 0;                   // bytes written (under m_mutex)
    mutable QList<CachedBlock> m_cache; // most recently used last (under m_mutex)
};
