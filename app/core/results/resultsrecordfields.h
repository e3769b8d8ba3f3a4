#pragma once

#include <QJsonValue>
#include <QString>

#include <array>

// One request of a results file as the streaming reader (ResultsJsonReader) meets it: the
// values of the keys RecordJson::fromResultsJson reads, each a QJsonValue as QJsonDocument
// would have given it (an object or array other than itl_ms only as its type: nothing reads
// inside). The same conversion code turns it or a QJsonObject into a RequestRecord, so both
// readers give the same record. A key seen twice keeps its last value, as in QJsonObject.
class ResultsRecordFields {
public:
    static constexpr int kNoSlot = -1;
    // The slot of a key (UTF-8 bytes), kNoSlot for a key nothing reads.
    static int slotOf(const char* key, qsizetype length);
    static int itlSlot();

    ResultsRecordFields() { clear(); }

    // What RecordJson reads: the value under `key`, undefined when absent.
    QJsonValue value(const QString& key) const;
    void set(int slot, const QJsonValue& value) { m_values[size_t(slot)] = value; }
    void clear() { m_values.fill(QJsonValue(QJsonValue::Undefined)); }

    static constexpr int kSlots = 31;

private:
    std::array<QJsonValue, kSlots> m_values{};
};
