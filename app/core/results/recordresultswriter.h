#pragma once

#include "record/requestrecord.h"

#include <QByteArray>

// Writes one record in the results file's form straight into a byte buffer, byte for byte
// what QJsonDocument(RecordJson::toResultsJson(record, runStartNs)).toJson(Compact) gives
// (keys in QJsonObject's sorted order, numbers as Qt's JSON writer prints them), without
// building a QJsonObject per record: saving a 1 M-request run spent most of its time
// there (issue 17). tst_recordresultswriter holds it to the QJsonDocument text.
class RecordResultsWriter {
public:
    static void append(const RequestRecord& record, qint64 runStartNs, QByteArray* out);
    // One JSON number as append() writes it (null when not finite), for the tests.
    static QByteArray number(double value);
};
