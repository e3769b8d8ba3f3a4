#pragma once

#include "results/journalrebuilder.h"
#include "results/runresult.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <optional>

// The journal's lines, one at a time, into a RunResult (JournalReader's work): the first line
// must be the run header; a line that is not JSON is the torn last line (no newline after
// it) or a corrupt one (counted and skipped); the header repeated (the journal concatenated
// with itself) is counted; another run's header is refused. Fed line by line, the journal
// is never whole in memory (issue 17: a million requests make ~1 GB of journal).
class JournalLineParser {
public:
    explicit JournalLineParser(const QString& name)
        : m_name(name) {}

    // One line without its newline; terminated: a newline followed it. False once the
    // journal is refused (error() says why); later lines are then ignored.
    bool addLine(QByteArrayView line, bool terminated);
    // The run rebuilt from the lines given, or nullopt with *error (the name, then why).
    std::optional<RunResult> finish(QString* error, QString* warning);

    const QString& error() const { return m_error; }

private:
    bool refuse(const QString& message);
    bool addHeader(const QJsonObject& object);

    QString m_name;
    QString m_error;
    JournalRebuilder m_rebuilder;
    QJsonObject m_firstHeader;
    bool m_haveHeader = false;
    bool m_sawText = false; // any line that is not blank
    int m_repeatedHeaders = 0;
    int m_corruptLines = 0;
    qsizetype m_tornBytes = 0;
    qsizetype m_lineNumber = 0;
};
