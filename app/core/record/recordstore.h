#pragma once

#include "record/recordspill.h"
#include "record/requestrecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>
#include <iterator>
#include <memory>

// A run's records, packed (issue 17: memory that does not grow with the run). A record
// kept whole costs ~0.5-1 KB (the struct, its event list, its strings, each on the heap);
// packed it is ~40-60 bytes: varints, times as deltas from the one before, the error
// class and finish reason as indices into a small table. Lossless: at(i) gives back
// exactly the record appended, so every figure and file stays the same.
//
// The interface is the part of QList<RequestRecord> the code uses: size, append, at, range
// for (each element decoded on the fly, by value), first/last, mid. The newest record is
// kept whole until the next one arrives, so last() is a reference that may be edited.
// Copies share the packed bytes (Qt's implicit sharing).
//
// Past memoryBudget() of packed chunks, the oldest go to a spill file (RecordSpill) and are
// read back from it: a long run's records cost disk, not memory. Should the file fail
// (a full disk), the chunks stay in memory and a warning says why.
class RecordStore {
public:
    RecordStore() = default;
    RecordStore(const QList<RequestRecord>& records); // NOLINT: converts like QList
    RecordStore(std::initializer_list<RequestRecord> records);

    qsizetype size() const { return m_index.size() + (m_hasTail ? 1 : 0); }
    qsizetype count() const { return size(); }
    bool isEmpty() const { return size() == 0; }

    void append(const RequestRecord& record);
    void append(const QList<RequestRecord>& records);
    void append(const RecordStore& records);
    RecordStore& operator<<(const RequestRecord& record) {
        append(record);
        return *this;
    }
    void reserve(qsizetype records) { m_index.reserve(records); }
    void clear() { *this = RecordStore(); }

    RequestRecord at(qsizetype i) const;
    // What a table needs to choose its rows, read from the front of a packed record without
    // decoding its times, events and strings: the GUI scans a million records for one level
    // or for the failures when a run is opened (issue 17: that scan froze the window).
    struct Brief {
        quint64 id = 0;
        int level = 0;
        bool warmup = false;
        bool failed = false; // an error class is set (!ok())
    };
    Brief brief(qsizetype i) const;
    // The indices of the records of `level` (its warm-up ones too when `withWarmup`), and of
    // the failed records (an error class set), from the index alone: no record is decoded, a
    // million are looked at in milliseconds (the GUI chooses a table's rows with them).
    QList<int> levelIndices(int level, bool withWarmup) const;
    QList<int> failedIndices() const;
    RequestRecord first() const { return at(0); }
    RequestRecord constFirst() const { return at(0); }
    RequestRecord& last() { return m_tail; }
    const RequestRecord& last() const { return m_tail; }
    const RequestRecord& constLast() const { return m_tail; }
    // Records [from, from + length) (to the end when length < 0), sharing the packed bytes.
    RecordStore mid(qsizetype from, qsizetype length = -1) const;

    QList<RequestRecord> toList() const;
    operator QList<RequestRecord>() const { return toList(); } // NOLINT: reads like a QList

    // Bytes the packed records take in memory (chunks, index, string table), and in the
    // spill file, for benchmarks.
    qint64 packedBytes() const;
    qint64 spilledBytes() const;

    // The packed chunks each store keeps in memory before it spills the oldest: for every
    // store of the process (benchmarks and tests change it).
    static constexpr qint64 kDefaultMemoryBudget = 64 << 20;
    static void setMemoryBudget(qint64 bytes);
    static qint64 memoryBudget();

    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = RequestRecord;
        using difference_type = qsizetype;
        using pointer = void;
        using reference = RequestRecord;

        const_iterator() = default;
        const_iterator(const RecordStore* store, qsizetype i)
            : m_store(store)
            , m_i(i) {}
        RequestRecord operator*() const { return m_store->at(m_i); }
        const_iterator& operator++() {
            ++m_i;
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator before = *this;
            ++m_i;
            return before;
        }
        bool operator==(const const_iterator& other) const { return m_i == other.m_i; }
        bool operator!=(const const_iterator& other) const { return m_i != other.m_i; }

    private:
        const RecordStore* m_store = nullptr;
        qsizetype m_i = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }

private:
    // Where packed record i starts; `holder` keeps bytes read back from the spill alive.
    struct PackedBytes {
        const char* data = nullptr;
        QByteArray holder;
    };
    void pack(const RequestRecord& r);
    void startChunk(qsizetype bytes);
    void spillOldestChunk();
    quint32 intern(const QString& text);
    PackedBytes packedBytesOf(qsizetype i) const;
    RequestRecord unpack(qsizetype record) const;

    // Packed records live in chunks of about kChunkBytes (never split across two), so a
    // growing store never copies what it already holds; m_index: chunk << 32 | offset.
    static constexpr qsizetype kChunkBytes = 1 << 20;
    QList<QByteArray> m_chunks;
    QList<RecordSpill::Place> m_spilled; // one per chunk: offset -1 while it is in memory
    std::shared_ptr<RecordSpill> m_spill;
    qsizetype m_firstInMemory = 0; // the chunks before it are spilled
    bool m_spillFailed = false;
    QList<quint64> m_index;
    // The error classes and finish reasons seen (a handful): decoded without allocating.
    QStringList m_strings;
    QHash<QString, quint32> m_stringIds;
    qint64 m_timeBase = 0; // the first record's first time: later ones are deltas from it
    bool m_hasBase = false;
    RequestRecord m_tail; // the newest record, whole; valid when m_hasTail
    bool m_hasTail = false;
};
