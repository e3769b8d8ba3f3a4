#include "results/journalreader.h"

#include "common/boundedfilereader.h"
#include "results/journalkeys.h"
#include "results/journalrebuilder.h"
#include "results/resultjournal.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
// "" when the header line is one we can read; otherwise why not.
QString headerProblem(const QJsonObject& header) {
    const QString expected = QLatin1String(ResultJournal::schemaName);
    if (header.value(QStringLiteral("type")).toString() != QLatin1String("run"))
        return QStringLiteral("not a Plateau journal (the first line is not a run header)");
    const QString schema = header.value(QStringLiteral("schema")).toString();
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("plateau\\.journal/(\\d{1,9})")));
    const QRegularExpressionMatch match = pattern.match(schema);
    if (!match.hasMatch())
        return QStringLiteral("not a Plateau journal (schema \"") + schema.left(60) +
               QStringLiteral("\"; expected \"") + expected + QStringLiteral("\")");
    // /1 differs from /2 only in its camelCase keys, which the caller has upgraded.
    if (match.captured(1).toInt() > ResultJournal::schemaVersion)
        return QStringLiteral("was written by a newer Plateau (") + schema +
               QStringLiteral("); this build reads ") + expected;
    if (!header.value(QStringLiteral("profile")).isObject())
        return QStringLiteral("the run header has no profile");
    return {};
}

bool isSameRun(const QJsonObject& header, const QJsonObject& first) {
    for (const char* key : {"run_start_ns", "started_at", "endpoint_url"}) {
        const QString name = QLatin1String(key);
        if (header.value(name) != first.value(name))
            return false;
    }
    return true;
}
} // namespace

std::optional<RunResult> JournalReader::read(const QString& path, QString* error, QString* warning,
                                             qint64 maxBytes) {
    auto failure = [&](const QString& message) -> std::optional<RunResult> {
        if (error)
            *error = path + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    const BoundedFileReader::Result read =
        BoundedFileReader::read(path, maxBytes, QStringLiteral("a journal"));
    if (read.failure == BoundedFileReader::Failure::IsDirectory)
        return failure(QStringLiteral("is a directory, not a journal"));
    if (!read.ok())
        return failure(read.reason);
    return parse(read.data, path, error, warning);
}

std::optional<RunResult> JournalReader::parse(const QByteArray& data, const QString& name,
                                              QString* error, QString* warning) {
    auto failure = [&](const QString& message) -> std::optional<RunResult> {
        if (error)
            *error = name + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    JournalRebuilder rebuilder;
    bool haveHeader = false;
    QJsonObject firstHeader;
    int repeatedHeaders = 0;
    int corruptLines = 0;
    qsizetype tornBytes = 0;
    qsizetype lineNumber = 0;
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype end = data.indexOf('\n', start);
        const bool terminated = end >= 0;
        if (!terminated)
            end = data.size();
        const QByteArray text = data.mid(start, end - start).trimmed();
        start = end + 1;
        ++lineNumber;
        if (text.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            // The last line without its newline is the one a kill cut off mid-write.
            if (!terminated)
                tornBytes = text.size();
            else if (!haveHeader)
                return failure(QStringLiteral("not a Plateau journal (line ") +
                               QString::number(lineNumber) + QStringLiteral(" is not JSON)"));
            else
                ++corruptLines;
            continue;
        }
        QJsonObject object = document.object();
        JournalKeys::upgradeLegacy(&object); // an older journal's camelCase keys
        if (!haveHeader) {
            const QString problem = headerProblem(object);
            if (!problem.isEmpty())
                return failure(problem);
            QString profileError;
            if (!rebuilder.setHeader(object, &profileError))
                return failure(QStringLiteral("the journal's profile is unreadable: ") +
                               profileError);
            haveHeader = true;
            firstHeader = object;
            continue;
        }
        if (object.value(QStringLiteral("type")).toString() == QLatin1String("run")) {
            // The same journal twice over (cat j j) repeats its header: its lines are
            // dropped as duplicates below. Another run's header is another run.
            if (!isSameRun(object, firstHeader))
                return failure(QStringLiteral("holds a second run from line ") +
                               QString::number(lineNumber) +
                               QStringLiteral("; a journal is one run: recover each run's part "
                                              "separately"));
            ++repeatedHeaders;
            continue;
        }
        if (!rebuilder.addLine(object))
            ++corruptLines;
    }
    if (!haveHeader)
        return failure(data.trimmed().isEmpty() ? QStringLiteral("is empty (the run wrote nothing)")
                       : tornBytes > 0
                           ? QStringLiteral("the run header was cut off; nothing to recover")
                           : QStringLiteral("not a Plateau journal (no run header)"));

    QStringList notes;
    if (tornBytes > 0)
        notes << QStringLiteral("the last line was cut off (") + QString::number(tornBytes) +
                     QStringLiteral(" bytes skipped; the run was stopped while writing it)");
    if (corruptLines > 0)
        notes << QString::number(corruptLines) + QStringLiteral(" unreadable line(s) skipped");
    if (repeatedHeaders > 0 || rebuilder.duplicates() > 0)
        notes << QStringLiteral("the journal repeats itself (%1 duplicate line(s), counted once)")
                     .arg(repeatedHeaders + rebuilder.duplicates());
    RunResult result = rebuilder.build(&notes);
    result.journal.path = name;
    result.journal.recovered = true;
    if (corruptLines > 0)
        result.journal.error =
            QString::number(corruptLines) + QStringLiteral(" unreadable line(s) skipped");
    if (warning)
        *warning = notes.join(QStringLiteral("; "));
    return result;
}
