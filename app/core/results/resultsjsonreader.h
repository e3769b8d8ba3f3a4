#pragma once

#include "results/runresult.h"

#include <QByteArrayView>
#include <QString>
#include <atomic>
#include <optional>

// Reads a results file as it is read from the disk (RapidJSON's SAX reader): the requests go
// straight into the packed RecordStore, so opening a file of a million requests (550 MB)
// costs the packed records (~70 bytes a request), not the GBs of a QJsonDocument of it
// (issue 17). The result is the one ResultsJson::fromJson gives for the same text
// (tst_resultsjsonreader compares them): the same conversions, the last of two equal keys.
// Caps: the file (ResultsJson::kMaxBytes), every string (kMaxStringBytes), the file without
// its requests, the nesting and the gaps of one request (ResultsJsonHandler). A few things
// QJsonDocument accepts and RapidJSON does not (an escaped lone surrogate, a raw control
// character in a string, an unknown escape: a hand-edited file, never one Plateau wrote) send
// a file of up to kQtFallbackBytes to QJsonDocument as before.
class ResultsJsonReader {
public:
    static constexpr qint64 kMaxStringBytes = 16 << 20; // a whole profile's cap
    static constexpr qint64 kQtFallbackBytes = 64 << 20;

    // Errors are one line without the path ("not valid JSON at offset 12: ...").
    // `cancelled`, when given, is looked at before each 64 KiB piece of the file: once set,
    // the read stops there and fails with kCancelled (the GUI's window closed during a load:
    // quitting must not wait for the rest of a 500 MB file).
    static std::optional<RunResult> read(const QString& path, qint64 maxBytes, QString* error,
                                         const std::atomic_bool* cancelled = nullptr);
    static constexpr const char* kCancelled = "cancelled";
    static std::optional<RunResult> parse(QByteArrayView data, QString* error);
    // The top-level "schema" string of any JSON file, read only as far as needed (the GUI's
    // File > Open tells a profile from results by it); "" when there is none.
    static QString schemaOf(const QString& path, qint64 maxBytes, QString* error);
};
