#include "results/resultsjsonhandler.h"

#include "common/boundedfilereader.h"
#include "results/jsonnumbertext.h"
#include "results/recordjson.h"

namespace {
QString utf8(const char* text, unsigned length) {
    return QString::fromUtf8(text, qsizetype(length));
}

// A value nothing reads inside: only its type matters (toString(), toDouble() of it).
QJsonValue placeholder(bool object) {
    return object ? QJsonValue(QJsonObject()) : QJsonValue(QJsonArray());
}
} // namespace

ResultsJsonHandler::ResultsJsonHandler(qint64 runStartNs, const qint64* position)
    : m_runStartNs(runStartNs)
    , m_position(position) {}

bool ResultsJsonHandler::stop(const QString& reason) {
    m_stopReason = reason;
    return false;
}

QString ResultsJsonHandler::headTooLargeReason() {
    return QStringLiteral("the file without its requests is larger than ") +
           BoundedFileReader::sizeText(kMaxHeadBytes);
}

bool ResultsJsonHandler::headTooLarge() const {
    const qint64 requests =
        m_requestsBytes + (m_requestsStart >= 0 ? *m_position - m_requestsStart : 0);
    return *m_position - requests > kMaxHeadBytes;
}

void ResultsJsonHandler::addToHead(const QJsonValue& value) {
    if (m_builders.isEmpty()) {
        m_head.insert(m_topKey, value); // a key given twice: the last value, as QJsonObject
        return;
    }
    Builder& parent = m_builders.last();
    if (m_frames.last() == Frame::HeadObject)
        parent.object.insert(parent.nextKey, value);
    else
        parent.array.append(value);
}

void ResultsJsonHandler::startRequests(bool isArray) {
    // A second "requests" replaces the first, as the last of two keys wins in QJsonObject.
    m_records.clear();
    m_requestIndex = 0;
    m_requestsProblem = isArray ? QString() : QStringLiteral("field 'requests' must be an array");
}

bool ResultsJsonHandler::scalar(const QJsonValue& value) {
    if (m_frames.isEmpty()) { // the whole document is one scalar
        m_topSeen = true;
        return true;
    }
    switch (m_frames.last()) {
    case Frame::Top:
        if (m_topKey == QLatin1String("requests")) {
            startRequests(false);
            return true;
        }
        [[fallthrough]];
    case Frame::HeadObject:
    case Frame::HeadArray:
        if (headTooLarge())
            return stop(headTooLargeReason());
        addToHead(value);
        return true;
    case Frame::Requests:
        if (m_requestsProblem.isEmpty())
            m_requestsProblem =
                QStringLiteral("field 'requests[%1]' must be an object").arg(m_requestIndex);
        ++m_requestIndex;
        return true;
    case Frame::Request:
        if (m_slot != ResultsRecordFields::kNoSlot)
            m_fields.set(m_slot, value);
        return true;
    case Frame::Itl:
        if (m_itl.size() >= kMaxItlGaps)
            return stop(QStringLiteral("request %1 has more than %2 itl_ms values")
                            .arg(m_requestIndex - 1)
                            .arg(kMaxItlGaps));
        m_itl.append(value);
        return true;
    case Frame::Skip:
        return true;
    }
    return true;
}

bool ResultsJsonHandler::open(bool object) {
    if (m_frames.size() >= kMaxNesting)
        return stop(QStringLiteral("nested more than %1 levels deep").arg(kMaxNesting));
    Frame frame = Frame::Skip;
    if (m_frames.isEmpty()) {
        m_topSeen = true;
        m_topIsObject = object;
        frame = object ? Frame::Top : Frame::Skip;
    } else {
        switch (m_frames.last()) {
        case Frame::Top:
            if (m_topKey == QLatin1String("requests")) {
                startRequests(!object);
                if (!object) {
                    m_requestsStart = *m_position;
                    frame = Frame::Requests;
                }
                break;
            }
            [[fallthrough]];
        case Frame::HeadObject:
        case Frame::HeadArray: {
            if (headTooLarge())
                return stop(headTooLargeReason());
            m_builders.append(Builder());
            frame = object ? Frame::HeadObject : Frame::HeadArray;
            break;
        }
        case Frame::Requests:
            if (object) {
                m_fields.clear();
                m_slot = ResultsRecordFields::kNoSlot;
                frame = Frame::Request;
            } else if (m_requestsProblem.isEmpty()) {
                m_requestsProblem =
                    QStringLiteral("field 'requests[%1]' must be an object").arg(m_requestIndex);
            }
            ++m_requestIndex;
            break;
        case Frame::Request:
            if (!object && m_slot == ResultsRecordFields::itlSlot()) {
                m_itl = QJsonArray();
                frame = Frame::Itl;
            } else if (m_slot != ResultsRecordFields::kNoSlot) {
                m_fields.set(m_slot, placeholder(object));
            }
            break;
        case Frame::Itl:
            if (m_itl.size() >= kMaxItlGaps)
                return stop(QStringLiteral("request %1 has more than %2 itl_ms values")
                                .arg(m_requestIndex - 1)
                                .arg(kMaxItlGaps));
            m_itl.append(placeholder(object));
            break;
        case Frame::Skip:
            break;
        }
    }
    m_frames.append(frame);
    return true;
}

bool ResultsJsonHandler::close() {
    const Frame frame = m_frames.takeLast();
    switch (frame) {
    case Frame::HeadObject:
    case Frame::HeadArray: {
        const Builder built = m_builders.takeLast();
        addToHead(frame == Frame::HeadObject ? QJsonValue(built.object) : QJsonValue(built.array));
        return true;
    }
    case Frame::Requests:
        m_requestsBytes += *m_position - m_requestsStart;
        m_requestsStart = -1;
        return true;
    case Frame::Request:
        m_records.append(RecordJson::fromResultsJson(m_fields, m_runStartNs));
        return true;
    case Frame::Itl:
        m_fields.set(ResultsRecordFields::itlSlot(), m_itl);
        m_itl = QJsonArray();
        return true;
    case Frame::Top:
    case Frame::Skip:
        return true;
    }
    return true;
}

bool ResultsJsonHandler::Null() {
    return scalar(QJsonValue(QJsonValue::Null));
}

bool ResultsJsonHandler::Bool(bool value) {
    return scalar(QJsonValue(value));
}

bool ResultsJsonHandler::RawNumber(const char* text, unsigned length, bool) {
    const std::optional<QJsonValue> value = JsonNumberText::toValue(text, length);
    if (!value)
        return stop(QStringLiteral("a number beyond the range of a double"));
    return scalar(*value);
}

bool ResultsJsonHandler::String(const char* text, unsigned length, bool) {
    const Frame frame = m_frames.isEmpty() ? Frame::Skip : m_frames.last();
    // Strings nothing reads are not converted (a request's unknown keys, skipped values).
    if (frame == Frame::Skip || (frame == Frame::Request && m_slot == ResultsRecordFields::kNoSlot))
        return scalar(QJsonValue());
    return scalar(QJsonValue(utf8(text, length)));
}

bool ResultsJsonHandler::StartObject() {
    return open(true);
}

bool ResultsJsonHandler::Key(const char* text, unsigned length, bool) {
    switch (m_frames.last()) {
    case Frame::Top:
        m_topKey = utf8(text, length);
        break;
    case Frame::HeadObject:
        m_builders.last().nextKey = utf8(text, length);
        break;
    case Frame::Request:
        m_slot = ResultsRecordFields::slotOf(text, qsizetype(length));
        break;
    default:
        break;
    }
    return true;
}

bool ResultsJsonHandler::EndObject(unsigned) {
    return close();
}

bool ResultsJsonHandler::StartArray() {
    return open(false);
}

bool ResultsJsonHandler::EndArray(unsigned) {
    return close();
}
