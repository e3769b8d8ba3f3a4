#pragma once

#include "requestrecord.h"

#include <QJsonObject>

// RequestRecord <-> JSON. The journal keeps absolute ns (lossless); the results file
// writes METRICS.md field names in ms relative to the run start.
class RecordJson {
public:
    static QJsonObject toJournalJson(const RequestRecord& record);
    static RequestRecord fromJournalJson(const QJsonObject& object);
    static QJsonObject toResultsJson(const RequestRecord& record, qint64 runStartNs);
    static RequestRecord fromResultsJson(const QJsonObject& object, qint64 runStartNs);
};
