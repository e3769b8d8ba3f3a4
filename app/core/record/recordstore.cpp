#include "record/recordstore.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>

namespace {
// Unsigned LEB128; signed values zigzag-encoded first so small negatives stay short.
void putUnsigned(QByteArray& out, quint64 value) {
    while (value >= 0x80) {
        out.append(char(quint8(value) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

void putSigned(QByteArray& out, qint64 value) {
    putUnsigned(out, (quint64(value) << 1) ^ quint64(value >> 63));
}

// A time as its distance from the one before; wrapping arithmetic keeps any value exact.
void putDelta(QByteArray& out, qint64 value, qint64 reference) {
    putSigned(out, qint64(quint64(value) - quint64(reference)));
}

// Length << 1 | 1 and one byte a character when every character fits in Latin-1 (request
// ids, most messages); else length << 1 and the UTF-16 as is (exact, lone surrogates too).
void putText(QByteArray& out, const QString& text) {
    const bool latin1 =
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x100; });
    putUnsigned(out, quint64(text.size()) << 1 | (latin1 ? 1 : 0));
    if (latin1)
        out.append(text.toLatin1());
    else
        out.append(reinterpret_cast<const char*>(text.constData()), text.size() * 2);
}

class Reader {
public:
    explicit Reader(const char* at)
        : m_at(reinterpret_cast<const quint8*>(at)) {}
    quint64 readUnsigned() {
        quint64 value = 0;
        int shift = 0;
        quint8 byte = 0;
        do {
            byte = *m_at++;
            value |= quint64(byte & 0x7f) << shift;
            shift += 7;
        } while (byte & 0x80);
        return value;
    }
    qint64 readSigned() {
        const quint64 zigzag = readUnsigned();
        return qint64(zigzag >> 1) ^ -qint64(zigzag & 1);
    }
    qint64 readDelta(qint64 reference) { return qint64(quint64(reference) + readSigned()); }
    QString readText() {
        const quint64 header = readUnsigned();
        const qsizetype length = qsizetype(header >> 1);
        if (length == 0)
            return {};
        const char* bytes = reinterpret_cast<const char*>(m_at);
        if (header & 1) {
            m_at += length;
            return QString::fromLatin1(bytes, length);
        }
        QString text(length, Qt::Uninitialized);
        std::memcpy(text.data(), bytes, size_t(length) * 2);
        m_at += length * 2;
        return text;
    }

private:
    const quint8* m_at;
};

constexpr quint64 Warmup = 1;
constexpr quint64 EarlyStop = 2;
constexpr quint64 AnswerCut = 4;
constexpr int kOutputSourceShift = 3;
constexpr int kInputSourceShift = 5;
constexpr quint64 ServerTimings = 128; // above the two 2-bit token sources
constexpr quint64 Failed = 256;        // error set: brief() tells it without the strings

// A packed record starts where its index entry says: chunk << 32 | offset, the offset in the
// low 20 bits (a chunk's records start below kChunkBytes). The 12 bits between say what a
// table needs to choose a row, so that choosing among a million takes no decoding (issue 17:
// the GUI scanned every record's front when a run was opened, a third of a second): warm-up,
// failed, and the level + 1 (kLevelUnknown: a level that does not fit, read from the front).
constexpr int kOffsetBits = 20;
constexpr quint64 kOffsetMask = (quint64(1) << kOffsetBits) - 1;
constexpr quint64 kIndexWarmup = quint64(1) << kOffsetBits;
constexpr quint64 kIndexFailed = quint64(1) << (kOffsetBits + 1);
constexpr int kLevelShift = kOffsetBits + 2;
constexpr quint64 kLevelUnknown = (quint64(1) << (32 - kLevelShift)) - 1;

std::atomic<qint64> memoryBudgetBytes{RecordStore::kDefaultMemoryBudget};

qsizetype chunkOf(quint64 position) {
    return qsizetype(position >> 32);
}

qint64 offsetOf(quint64 position) {
    return qint64(position & kOffsetMask);
}

quint64 indexBits(const RequestRecord& r) {
    const quint64 level = r.level >= -1 && quint64(r.level + 1) < kLevelUnknown
                              ? quint64(r.level + 1)
                              : kLevelUnknown;
    return (r.warmup ? kIndexWarmup : 0) | (r.error.isEmpty() ? 0 : kIndexFailed) |
           level << kLevelShift;
}

// The record's front, in the order pack() writes it: all a table needs to choose a row.
struct Front {
    quint64 id = 0;
    int level = 0;
    quint64 flags = 0;
};
Front readFront(Reader& in) {
    Front f;
    f.id = in.readUnsigned();
    f.level = int(in.readSigned());
    f.flags = in.readUnsigned();
    return f;
}

bool hasServerTimings(const RequestRecord& r) {
    return r.serverTotalNs != -1 || r.serverLoadNs != -1 || r.serverPromptEvalNs != -1 ||
           r.serverEvalNs != -1;
}

std::array<qint64*, 7> timesOf(RequestRecord& r) {
    return {&r.tSchedNs,        &r.tSendNs,        &r.tHeadersNs, &r.tFirstEventNs,
            &r.tFirstContentNs, &r.tLastContentNs, &r.tEndNs};
}

std::array<qint64, 7> timesOf(const RequestRecord& r) {
    return {r.tSchedNs,        r.tSendNs,        r.tHeadersNs, r.tFirstEventNs,
            r.tFirstContentNs, r.tLastContentNs, r.tEndNs};
}

// The indices of the packed records `keep` accepts (and the newest, whole one's after them
// when `tail`), written straight into a list as long as the store and cut to size after: a
// million QList::append calls are a tenth of a second in a debug build, this loop a few ms.
template <typename Keep>
QList<int> indicesWhere(const QList<quint64>& index, bool tail, Keep keep) {
    const qsizetype packed = index.size();
    QList<int> indices(packed + 1);
    int* out = indices.data();
    qsizetype count = 0;
    const quint64* entries = index.constData();
    for (qsizetype i = 0; i < packed; ++i) {
        if (keep(entries[i], i))
            out[count++] = int(i);
    }
    if (tail)
        out[count++] = int(packed);
    indices.resize(count);
    if (count < indices.capacity() / 2)
        indices.squeeze(); // a level among many: its rows, not the whole run's room
    return indices;
}
} // namespace

RecordStore::RecordStore(const QList<RequestRecord>& records) {
    reserve(records.size());
    for (const RequestRecord& record : records)
        append(record);
}

RecordStore::RecordStore(std::initializer_list<RequestRecord> records) {
    for (const RequestRecord& record : records)
        append(record);
}

void RecordStore::append(const RequestRecord& record) {
    if (m_hasTail)
        pack(m_tail);
    m_tail = record;
    m_hasTail = true;
}

void RecordStore::append(const QList<RequestRecord>& records) {
    reserve(size() + records.size());
    for (const RequestRecord& record : records)
        append(record);
}

void RecordStore::append(const RecordStore& records) {
    reserve(size() + records.size());
    for (const RequestRecord& record : records)
        append(record);
}

quint32 RecordStore::intern(const QString& text) {
    const auto found = m_stringIds.constFind(text);
    if (found != m_stringIds.constEnd())
        return found.value();
    const quint32 id = quint32(m_strings.size());
    m_strings.append(text);
    m_stringIds.insert(text, id);
    return id;
}

void RecordStore::pack(const RequestRecord& r) {
    const std::array<qint64, 7> times = timesOf(r);
    if (!m_hasBase) {
        const auto first =
            std::find_if(times.cbegin(), times.cend(), [](qint64 t) { return t != -1; });
        m_timeBase = first != times.cend() ? *first : 0;
        m_hasBase = true;
    }
    QByteArray out;
    out.reserve(64 + r.contentEventNs.size() * 4);
    putUnsigned(out, r.id);
    putSigned(out, r.level);
    putUnsigned(out, (r.warmup ? Warmup : 0u) | (r.earlyStop ? EarlyStop : 0u) |
                         (r.answerCut ? AnswerCut : 0u) |
                         (hasServerTimings(r) ? ServerTimings : 0u) |
                         (r.error.isEmpty() ? 0u : Failed) |
                         quint64(int(r.outputTokensSource) & 3) << kOutputSourceShift |
                         quint64(int(r.inputTokensSource) & 3) << kInputSourceShift);
    quint64 present = 0;
    for (size_t i = 0; i < times.size(); ++i)
        present |= times[i] != -1 ? quint64(1) << i : 0;
    putUnsigned(out, present);
    qint64 reference = m_timeBase;
    for (const qint64 t : times) {
        if (t != -1) {
            putDelta(out, t, reference);
            reference = t;
        }
    }
    putUnsigned(out, quint64(r.contentEventNs.size()));
    reference = r.tFirstContentNs != -1 ? r.tFirstContentNs : m_timeBase;
    for (const qint64 t : std::as_const(r.contentEventNs)) {
        putDelta(out, t, reference);
        reference = t;
    }
    for (const qint64 value :
         {qint64(r.outputTokens), qint64(r.inputTokens), qint64(r.httpStatus),
          qint64(r.requestedOutputTokens), qint64(r.prefixGroup), r.conversationId,
          qint64(r.turnIndex), r.sourceIndex, qint64(r.embeddingInputs)})
        putSigned(out, value);
    // Only a record whose server reported its timings pays for them (flag ServerTimings).
    if (hasServerTimings(r)) {
        for (const qint64 value :
             {r.serverTotalNs, r.serverLoadNs, r.serverPromptEvalNs, r.serverEvalNs})
            putSigned(out, value);
    }
    putUnsigned(out, intern(r.finishReason));
    putUnsigned(out, intern(r.error));
    putText(out, r.errorMessage);
    putText(out, r.serverRequestId);
    putText(out, r.answerText);

    if (m_chunks.isEmpty() || m_chunks.last().size() + out.size() > kChunkBytes)
        startChunk(out.size());
    QByteArray& chunk = m_chunks.last();
    static_assert(kChunkBytes <= (qsizetype(1) << kOffsetBits));
    m_index.append(quint64(m_chunks.size() - 1) << 32 | quint64(chunk.size()) | indexBits(r));
    chunk.append(out);
}

void RecordStore::setMemoryBudget(qint64 bytes) {
    memoryBudgetBytes.store(bytes, std::memory_order_relaxed);
}

qint64 RecordStore::memoryBudget() {
    return memoryBudgetBytes.load(std::memory_order_relaxed);
}

void RecordStore::startChunk(qsizetype bytes) {
    // Every chunk held is full now: the oldest may go when they are over the budget.
    if ((m_chunks.size() - m_firstInMemory) * kChunkBytes >= memoryBudget())
        spillOldestChunk();
    m_chunks.append(QByteArray());
    m_chunks.last().reserve(std::max(kChunkBytes, bytes));
    m_spilled.append(RecordSpill::Place());
}

void RecordStore::spillOldestChunk() {
    if (m_spillFailed || m_firstInMemory >= m_chunks.size())
        return;
    QString error;
    if (!m_spill)
        m_spill = RecordSpill::create(&error);
    RecordSpill::Place place;
    if (m_spill)
        place = m_spill->write(m_chunks.at(m_firstInMemory), &error);
    if (place.offset < 0) {
        m_spillFailed = true; // one warning; the records stay in memory, none is lost
        qWarning("Plateau keeps every record in memory from now on: %s", qPrintable(error));
        return;
    }
    m_spilled[m_firstInMemory] = place;
    m_chunks[m_firstInMemory] = QByteArray();
    ++m_firstInMemory;
}

RecordStore::PackedBytes RecordStore::packedBytesOf(qsizetype i) const {
    const quint64 position = m_index.at(i);
    const qsizetype chunk = chunkOf(position);
    const qint64 from = offsetOf(position);
    const RecordSpill::Place& place = m_spilled.at(chunk);
    if (place.offset < 0)
        return {m_chunks.at(chunk).constData() + from, {}};
    // The record ends where the next one in its chunk starts, or with the chunk.
    const bool nextInChunk = i + 1 < m_index.size() && chunkOf(m_index.at(i + 1)) == chunk;
    const qint64 to = nextInChunk ? offsetOf(m_index.at(i + 1)) : place.size;
    qsizetype start = 0;
    PackedBytes bytes;
    bytes.holder = m_spill->read(place, from, to, &start);
    if (bytes.holder.isEmpty()) // its own temporary file unreadable: no figure can be trusted
        qFatal("Plateau cannot read back its temporary file of records (the run's journal "
               "still holds them)");
    bytes.data = bytes.holder.constData() + start;
    return bytes;
}

RequestRecord RecordStore::unpack(qsizetype record) const {
    const PackedBytes bytes = packedBytesOf(record);
    Reader in(bytes.data);
    RequestRecord r;
    const Front front = readFront(in);
    r.id = front.id;
    r.level = front.level;
    const quint64 flags = front.flags;
    r.warmup = flags & Warmup;
    r.earlyStop = flags & EarlyStop;
    r.answerCut = flags & AnswerCut;
    r.outputTokensSource = TokenSource((flags >> kOutputSourceShift) & 3);
    r.inputTokensSource = TokenSource((flags >> kInputSourceShift) & 3);
    const quint64 present = in.readUnsigned();
    qint64 reference = m_timeBase;
    const std::array<qint64*, 7> times = timesOf(r);
    for (size_t i = 0; i < times.size(); ++i) {
        if (present & (quint64(1) << i)) {
            *times[i] = in.readDelta(reference);
            reference = *times[i];
        }
    }
    const qsizetype events = qsizetype(in.readUnsigned());
    r.contentEventNs.resize(events);
    reference = r.tFirstContentNs != -1 ? r.tFirstContentNs : m_timeBase;
    for (qsizetype i = 0; i < events; ++i) {
        reference = in.readDelta(reference);
        r.contentEventNs[i] = reference;
    }
    r.outputTokens = int(in.readSigned());
    r.inputTokens = int(in.readSigned());
    r.httpStatus = int(in.readSigned());
    r.requestedOutputTokens = int(in.readSigned());
    r.prefixGroup = int(in.readSigned());
    r.conversationId = in.readSigned();
    r.turnIndex = int(in.readSigned());
    r.sourceIndex = in.readSigned();
    r.embeddingInputs = int(in.readSigned());
    if (flags & ServerTimings) {
        r.serverTotalNs = in.readSigned();
        r.serverLoadNs = in.readSigned();
        r.serverPromptEvalNs = in.readSigned();
        r.serverEvalNs = in.readSigned();
    }
    r.finishReason = m_strings.at(qsizetype(in.readUnsigned()));
    r.error = m_strings.at(qsizetype(in.readUnsigned()));
    r.errorMessage = in.readText();
    r.serverRequestId = in.readText();
    r.answerText = in.readText();
    return r;
}

RequestRecord RecordStore::at(qsizetype i) const {
    Q_ASSERT(i >= 0 && i < size());
    if (i == m_index.size())
        return m_tail;
    return unpack(i);
}

RecordStore::Brief RecordStore::brief(qsizetype i) const {
    Q_ASSERT(i >= 0 && i < size());
    if (i == m_index.size())
        return {m_tail.id, m_tail.level, m_tail.warmup, !m_tail.error.isEmpty()};
    const PackedBytes bytes = packedBytesOf(i);
    Reader in(bytes.data);
    const Front front = readFront(in);
    return {front.id, front.level, bool(front.flags & Warmup), bool(front.flags & Failed)};
}

QList<int> RecordStore::levelIndices(int level, bool withWarmup) const {
    const quint64 skip = withWarmup ? 0 : kIndexWarmup;
    const quint64 code =
        level >= -1 && quint64(level + 1) < kLevelUnknown ? quint64(level + 1) : kLevelUnknown;
    return indicesWhere(m_index,
                        m_hasTail && m_tail.level == level && (withWarmup || !m_tail.warmup),
                        [this, skip, code, level](quint64 entry, qsizetype i) {
                            return !(entry & skip) &&
                                   ((entry >> kLevelShift) & kLevelUnknown) == code &&
                                   (code != kLevelUnknown || brief(i).level == level);
                        });
}

QList<int> RecordStore::failedIndices() const {
    return indicesWhere(m_index, m_hasTail && !m_tail.error.isEmpty(),
                        [](quint64 entry, qsizetype) { return (entry & kIndexFailed) != 0; });
}

RecordStore RecordStore::mid(qsizetype from, qsizetype length) const {
    const qsizetype total = size();
    from = qBound(qsizetype(0), from, total);
    const qsizetype end = length < 0 ? total : qMin(total, from + length);
    RecordStore slice;
    if (end <= from)
        return slice;
    slice.m_chunks = m_chunks;
    slice.m_spilled = m_spilled;
    slice.m_spill = m_spill;
    slice.m_firstInMemory = m_firstInMemory;
    slice.m_spillFailed = m_spillFailed;
    slice.m_strings = m_strings;
    slice.m_stringIds = m_stringIds;
    slice.m_timeBase = m_timeBase;
    slice.m_hasBase = m_hasBase;
    slice.m_index = m_index.mid(from, end - 1 - from);
    slice.m_tail = at(end - 1);
    slice.m_hasTail = true;
    return slice;
}

QList<RequestRecord> RecordStore::toList() const {
    QList<RequestRecord> records;
    records.reserve(size());
    for (const RequestRecord& record : *this)
        records.append(record);
    return records;
}

qint64 RecordStore::packedBytes() const {
    qint64 bytes = m_index.capacity() * qint64(sizeof(quint64));
    for (const QByteArray& chunk : m_chunks)
        bytes += chunk.capacity();
    for (const QString& text : m_strings)
        bytes += text.size() * 2;
    return bytes;
}

qint64 RecordStore::spilledBytes() const {
    qint64 bytes = 0;
    for (const RecordSpill::Place& place : m_spilled)
        bytes += place.offset >= 0 ? place.size : 0;
    return bytes;
}
