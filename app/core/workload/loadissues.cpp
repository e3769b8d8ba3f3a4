#include "workload/loadissues.h"

void LoadIssues::add(const QString& where, const QString& reason) {
    ++m_count;
    if (m_first.size() < kKept)
        m_first.append({where, reason});
}

QStringList LoadIssues::lines() const {
    QStringList lines;
    for (const LoadIssue& issue : m_first)
        lines.append(issue.where + QStringLiteral(": ") + issue.reason);
    return lines;
}

QString LoadIssues::summary() const {
    if (m_count == 0)
        return {};
    const QString counted = m_count == 1
                                ? QStringLiteral("1 malformed entry skipped")
                                : QStringLiteral("%1 malformed entries skipped").arg(m_count);
    return counted + QStringLiteral(" (") + lines().join(QStringLiteral("; ")) +
           (m_count > m_first.size() ? QStringLiteral("; ...)") : QStringLiteral(")"));
}
