#include "window/filekind.h"

#include "common/boundedfilereader.h"
#include "results/resultsjson.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QObject>

using namespace Qt::StringLiterals;

FileKind::Kind FileKind::detect(const QString& path, QString* error) {
    const QString name = QFileInfo(path).fileName();
    // Capped whatever the file is: /dev/zero or a FIFO must not hang the window.
    // (The results cap is the larger one: a profile is a few KB.)
    const BoundedFileReader::Result read =
        BoundedFileReader::read(path, ResultsJson::kMaxBytes, QObject::tr("a Plateau file"));
    if (!read.ok()) {
        *error = QObject::tr("%1: %2").arg(name, read.reason);
        return Unknown;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(read.data, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QObject::tr("%1: not valid JSON: %2 (at character %3)")
                     .arg(name, parse.errorString())
                     .arg(parse.offset);
        return Unknown;
    }
    const QString schema = doc.object().value(u"schema"_s).toString();
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
