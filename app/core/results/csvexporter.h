#pragma once

#include "results/runresult.h"

#include <QString>
#include <QStringList>

// One row per request (every per-request field, level, t_send_ms), RFC 4180: a header
// row, CRLF line ends, fields with a comma, quote or line break quoted with "" escapes.
// Times are ms from the run start at full precision; an undefined value is an empty cell.
// itl_ms holds the request's per-event gaps separated by spaces.
class CsvExporter {
public:
    static QByteArray toCsv(const RunResult& result);
    static bool save(const RunResult& result, const QString& path, QString* error); // OutputFile
    static QStringList columns();
    // One field, quoted when RFC 4180 requires it.
    static QString quoteField(const QString& field);
};
