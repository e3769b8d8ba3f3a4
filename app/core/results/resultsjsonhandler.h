#pragma once

#include "record/recordstore.h"
#include "results/resultsrecordfields.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <cstdint>

// RapidJSON's SAX handler for a results file (ResultsJsonReader): the requests go one at a
// time into a packed RecordStore (ResultsRecordFields -> RecordJson, as the QJsonDocument
// reader converts them), everything else is built into a QJsonObject ("head") that
// ResultsJson::fromJsonHead reads as before. A file of a million requests never exists as a
// document in memory (issue 17). Semantics follow QJsonDocument: a key given twice keeps its
// last value (a second "requests" array replaces the first). The problems fromJson reports
// about "requests" (not an array, an element not an object) are kept for it to report in
// its order. A cap breached stops the parse (a handler method returns false) with stopReason.
class ResultsJsonHandler {
public:
    static constexpr int kMaxNesting = 1024;           // QJsonDocument's own limit
    static constexpr qint64 kMaxItlGaps = 1 << 20;     // per request: more than any answer streams
    static constexpr qint64 kMaxHeadBytes = 256 << 20; // the file but its requests

    // position: the parser's offset in the file, read to cap the head's size.
    ResultsJsonHandler(qint64 runStartNs, const qint64* position);

    // RapidJSON's handler concept.
    bool Null();
    bool Bool(bool value);
    // Numbers come as their text (RawNumber): the parse asks RapidJSON for no conversion.
    // The typed calls must exist for its templates to compile, and stop the parse if called.
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(std::int64_t) { return false; }
    bool Uint64(std::uint64_t) { return false; }
    bool Double(double) { return false; }
    bool RawNumber(const char* text, unsigned length, bool copy);
    bool String(const char* text, unsigned length, bool copy);
    bool StartObject();
    bool Key(const char* text, unsigned length, bool copy);
    bool EndObject(unsigned members);
    bool StartArray();
    bool EndArray(unsigned elements);

    bool topIsObject() const { return m_topIsObject; }
    const QJsonObject& head() const { return m_head; }
    RecordStore& records() { return m_records; }
    const QString& requestsProblem() const { return m_requestsProblem; }
    const QString& stopReason() const { return m_stopReason; }

private:
    enum class Frame { Top, HeadObject, HeadArray, Requests, Request, Itl, Skip };
    struct Builder { // an object or array of the head being built
        QJsonObject object;
        QJsonArray array;
        QString nextKey; // an object's: the key of the member that comes next
    };

    bool scalar(const QJsonValue& value);
    bool open(bool object);
    bool close();
    bool stop(const QString& reason);
    bool headTooLarge() const;
    static QString headTooLargeReason();
    void startRequests(bool isArray);
    void addToHead(const QJsonValue& value);

    qint64 m_runStartNs;
    const qint64* m_position;
    QList<Frame> m_frames;
    QList<Builder> m_builders; // one per HeadObject/HeadArray frame
    bool m_topIsObject = false;
    bool m_topSeen = false;
    QString m_topKey; // the key whose value comes next in the top object
    QJsonObject m_head;
    RecordStore m_records;
    QString m_requestsProblem;
    qint64 m_requestIndex = 0;   // of the next element of "requests"
    qint64 m_requestsStart = -1; // position where the requests array began
    qint64 m_requestsBytes = 0;  // bytes of the requests arrays read so far
    ResultsRecordFields m_fields;
    int m_slot = ResultsRecordFields::kNoSlot; // of the request's key whose value comes next
    QJsonArray m_itl;
    QString m_stopReason;
};
