#pragma once

#include <QFile>
#include <QString>

// Opens a dataset or trace file for streaming: it must exist, be a regular file (a FIFO or
// device would block or never end) and be no larger than the cap.
class CappedFileOpener {
public:
    // what: "a dataset", "a trace" (for messages). *name: the file name made printable and
    // quoted, for the reader's messages. False with a one-line *error.
    static bool open(const QString& path, qint64 maxBytes, const QString& what, QFile* file,
                     QString* name, QString* error);
};
