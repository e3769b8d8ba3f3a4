#include "window/filekind.h"

#include "results/resultsjson.h"
#include "results/resultsjsonreader.h"

#include <QFileInfo>
#include <QObject>

using namespace Qt::StringLiterals;

FileKind::Kind FileKind::detect(const QString& path, QString* error) {
    const QString name = QFileInfo(path).fileName();
    // Capped whatever the file is: /dev/zero or a FIFO must not hang the window. Read only up
    // to its "schema" (a results file of a million requests is 550 MB: issue 17).
    QString reason;
    const QString schema = ResultsJsonReader::schemaOf(path, ResultsJson::kMaxBytes, &reason);
    if (!reason.isEmpty()) {
        *error = QObject::tr("%1: %2").arg(name, reason);
        return Unknown;
    }
    if (schema.startsWith(u"plateau.profile/"_s))
        return Profile;
    if (schema.startsWith(u"plateau.results/"_s))
        return Results;
    *error = schema.isEmpty()
                 ? QObject::tr("%1: not a Plateau file (no \"schema\" field; expected "
                               "plateau.profile/1 or plateau.results/1)")
                       .arg(name)
                 : QObject::tr("%1: unknown schema \"%2\" (expected plateau.profile/1 or "
                               "plateau.results/1)")
                       .arg(name, schema);
    return Unknown;
}
