#pragma once

#include <QByteArray>
#include <QString>

// Writes a whole file through QSaveFile: the old file stays intact until the new one is
// complete, so a crash, a full disk or a failed write never leaves half a file behind.
namespace AtomicFile {
// False with "<path>: cannot save: <reason>".
bool write(const QString& path, const QByteArray& bytes, QString* error);
} // namespace AtomicFile
