#include "workload/cappedfileopener.h"

#include "workload/workloadtext.h"

#include <QFileInfo>

bool CappedFileOpener::open(const QString& path, qint64 maxBytes, const QString& what, QFile* file,
                            QString* name, QString* error) {
    const QFileInfo info(path);
    *name = WorkloadText::quoted(info.fileName(), 80);
    if (!info.exists())
        *error = QStringLiteral("%1: no such file").arg(*name);
    else if (!info.isFile())
        *error = QStringLiteral("%1 is not a regular file").arg(*name);
    else if (info.size() > maxBytes)
        *error = QStringLiteral("%1 is %2, larger than the %3 allowed for %4")
                     .arg(*name, WorkloadText::sizeText(info.size()),
                          WorkloadText::sizeText(maxBytes), what);
    if (!error->isEmpty())
        return false;
    file->setFileName(path);
    if (file->open(QIODevice::ReadOnly))
        return true;
    *error = QStringLiteral("cannot open %1: %2").arg(*name, file->errorString());
    return false;
}
