#include "servermetrics/prometheusscrape.h"

#include <QStringList>

const MetricFamily* PrometheusScrape::family(const QString& name) const {
    for (const MetricFamily& f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QString PrometheusScrape::issueSummary() const {
    if (badLines == 0)
        return {};
    QStringList parts;
    for (const ParseIssue& issue : firstIssues)
        parts.append(QStringLiteral("line %1: %2").arg(issue.line).arg(issue.reason));
    const QString noun = badLines == 1 ? QStringLiteral("bad line") : QStringLiteral("bad lines");
    return QStringLiteral("%1 %2 (%3%4)")
        .arg(badLines)
        .arg(noun, parts.join(QLatin1String("; ")),
             badLines > firstIssues.size() ? QStringLiteral("; ...") : QString());
}

void PrometheusScrape::addIssue(qint64 line, const QString& reason) {
    ++badLines;
    if (firstIssues.size() < kKeptIssues)
        firstIssues.append({line, reason});
}
