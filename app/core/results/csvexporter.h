#pragma once

#include "runresult.h"

#include <QString>

// One row per request (every per-request field, level, t_send_ms), RFC 4180 quoting.
class CsvExporter {
public:
    static QByteArray toCsv(const RunResult& result);
    static bool save(const RunResult& result, const QString& path, QString* error); // QSaveFile
};
