#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One skipped entry: where it is ("line 7", "entry 12") and why, both safe to print.
struct LoadIssue {
    QString where;
    QString reason;
    bool operator==(const LoadIssue&) const = default;
};

// The malformed entries of a file: every one is counted, the first kKept are described,
// so a user learns what is wrong without a million-line report.
class LoadIssues {
public:
    static constexpr int kKept = 5;

    void add(const QString& where, const QString& reason);
    qint64 count() const { return m_count; }
    const QList<LoadIssue>& first() const { return m_first; }
    // "line 7: not valid JSON (...)" for each kept issue.
    QStringList lines() const;
    // "3 malformed entries skipped (line 2: ...; line 9: ...)"; "" when there are none.
    QString summary() const;

private:
    qint64 m_count = 0;
    QList<LoadIssue> m_first;
};
