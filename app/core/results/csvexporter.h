#pragma once

#include "results/runresult.h"

#include <QString>
#include <QStringList>
#include <functional>

// One row per request (every per-request field, level, t_send_ms), RFC 4180: a header
// row, CRLF line ends, fields with a comma, quote or line break quoted with "" escapes.
// Times are ms from the run start at full precision; an undefined value is an empty cell.
// itl_ms holds the request's per-event gaps separated by spaces.
class CsvExporter {
public:
    static QByteArray toCsv(const RunResult& result);
    // Takes a piece of the text; false stops the writing (errno says why).
    using Sink = std::function<bool(const QByteArray& piece)>;
    // toCsv()'s text piece by piece (about a megabyte at a time), false when the sink
    // refused one: a long run's rows are never all in memory at once (issue 17).
    static bool writeTo(const RunResult& result, const Sink& sink);
    static bool save(const RunResult& result, const QString& path, QString* error); // OutputFile
    static QStringList columns();
    // One field, quoted when RFC 4180 requires it.
    static QString quoteField(const QString& field);
};
