#include "atomicfile.h"

#include <QSaveFile>

bool AtomicFile::write(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    auto failure = [&] {
        if (error)
            *error = path + QStringLiteral(": cannot save: ") + file.errorString();
        return false;
    };
    // Unbuffered: Qt 6.4's QSaveFile::commit() reports success when its final buffered
    // flush is cut short (file-size limit, full disk) and renames a truncated file over the
    // old one. Writing straight through makes write() itself return the short count.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failure();
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return failure();
    }
    if (!file.commit())
        return failure();
    return true;
}
