#include "results/journallineparser.h"

#include "results/journalkeys.h"
#include "results/resultjournal.h"

#include <QJsonDocument>
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

bool JournalLineParser::refuse(const QString& message) {
    m_error = message;
    return false;
}

bool JournalLineParser::addLine(QByteArrayView line, bool terminated) {
    if (!m_error.isEmpty())
        return false;
    ++m_lineNumber;
    const QByteArrayView text = line.trimmed();
    if (text.isEmpty())
        return true;
    m_sawText = true;
    QJsonParseError parseError;
    // fromJson copies the bytes: a view of the reader's buffer is enough here.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // The last line without its newline is the one a kill cut off mid-write.
        if (!terminated)
            m_tornBytes = text.size();
        else if (!m_haveHeader)
            return refuse(QStringLiteral("not a Plateau journal (line ") +
                          QString::number(m_lineNumber) + QStringLiteral(" is not JSON)"));
        else
            ++m_corruptLines;
        return true;
    }
    QJsonObject object = document.object();
    JournalKeys::upgradeLegacy(&object); // an older journal's camelCase keys
    if (!m_haveHeader)
        return addHeader(object);
    if (object.value(QStringLiteral("type")).toString() == QLatin1String("run")) {
        // The same journal twice over (cat j j) repeats its header: its lines are dropped as
        // duplicates by the rebuilder. Another run's header is another run.
        if (!isSameRun(object, m_firstHeader))
            return refuse(QStringLiteral("holds a second run from line ") +
                          QString::number(m_lineNumber) +
                          QStringLiteral("; a journal is one run: recover each run's part "
                                         "separately"));
        ++m_repeatedHeaders;
        return true;
    }
    if (!m_rebuilder.addLine(object))
        ++m_corruptLines;
    return true;
}

bool JournalLineParser::addHeader(const QJsonObject& object) {
    const QString problem = headerProblem(object);
    if (!problem.isEmpty())
        return refuse(problem);
    QString profileError;
    if (!m_rebuilder.setHeader(object, &profileError))
        return refuse(QStringLiteral("the journal's profile is unreadable: ") + profileError);
    m_haveHeader = true;
    m_firstHeader = object;
    return true;
}

std::optional<RunResult> JournalLineParser::finish(QString* error, QString* warning) {
    if (m_error.isEmpty() && !m_haveHeader)
        m_error = !m_sawText ? QStringLiteral("is empty (the run wrote nothing)")
                  : m_tornBytes > 0
                      ? QStringLiteral("the run header was cut off; nothing to recover")
                      : QStringLiteral("not a Plateau journal (no run header)");
    if (!m_error.isEmpty()) {
        if (error)
            *error = m_name + QStringLiteral(": ") + m_error;
        return std::nullopt;
    }
    QStringList notes;
    if (m_tornBytes > 0)
        notes << QStringLiteral("the last line was cut off (") + QString::number(m_tornBytes) +
                     QStringLiteral(" bytes skipped; the run was stopped while writing it)");
    if (m_corruptLines > 0)
        notes << QString::number(m_corruptLines) + QStringLiteral(" unreadable line(s) skipped");
    if (m_repeatedHeaders > 0 || m_rebuilder.duplicates() > 0)
        notes << QStringLiteral("the journal repeats itself (%1 duplicate line(s), counted once)")
                     .arg(m_repeatedHeaders + m_rebuilder.duplicates());
    RunResult result = m_rebuilder.build(&notes);
    result.journal.path = m_name;
    result.journal.recovered = true;
    if (m_corruptLines > 0)
        result.journal.error =
            QString::number(m_corruptLines) + QStringLiteral(" unreadable line(s) skipped");
    if (warning)
        *warning = notes.join(QStringLiteral("; "));
    return result;
}
