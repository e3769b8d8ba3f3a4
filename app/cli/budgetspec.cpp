#include "cli/budgetspec.h"

#include "profile/latencymetric.h"

#include <QRegularExpression>
#include <QStringList>

std::optional<LatencyBudget> BudgetSpec::parse(const QString& text, QString* error) {
    static const QRegularExpression item(
        QStringLiteral(R"(^\s*(\w+)\s*:\s*(\w+)\s*<=?\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    LatencyBudget budget;
    if (text.trimmed().isEmpty())
        return budget;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString& part : parts) {
        const QRegularExpressionMatch m = item.match(part);
        if (!m.hasMatch()) {
            *error = QStringLiteral("--budget: cannot read \"%1\"; expected METRIC:STAT<=MS, "
                                    "e.g. ttft:p95<=500")
                         .arg(part.trimmed());
            return std::nullopt;
        }
        const QString metricName = m.captured(1).toLower();
        const QString statName = m.captured(2).toLower();
        const std::optional<LatencyMetric> metric = LatencyNames::metricFromKey(metricName);
        if (!metric || !LatencyNames::budgetMetrics().contains(*metric)) {
            *error =
                QStringLiteral("--budget: unknown metric \"%1\" (use %2)")
                    .arg(metricName,
                         LatencyNames::keys(LatencyNames::budgetMetrics()).join(QLatin1Char('|')));
            return std::nullopt;
        }
        const std::optional<LatencyStat> stat = LatencyNames::statFromKey(statName);
        // "median" reads as p50 elsewhere, but --budget has always taken the files' names only.
        if (!stat || !LatencyNames::budgetStats().contains(*stat) ||
            LatencyNames::key(*stat) != statName) {
            *error =
                QStringLiteral("--budget: unknown statistic \"%1\" (use %2)")
                    .arg(statName,
                         LatencyNames::keys(LatencyNames::budgetStats()).join(QLatin1Char('|')));
            return std::nullopt;
        }
        LatencyLimit limit{*metric, *stat, m.captured(3).toDouble()};
        if (m.captured(4).compare(QLatin1String("s"), Qt::CaseInsensitive) == 0)
            limit.maxMs *= 1000.0;
        if (!(limit.maxMs > 0.0)) {
            *error =
                QStringLiteral("--budget: the limit in \"%1\" must be above 0").arg(part.trimmed());
            return std::nullopt;
        }
        budget.limits.append(limit);
    }
    return budget;
}

QString BudgetSpec::format(const LatencyBudget& budget) {
    QStringList parts;
    for (const LatencyLimit& limit : budget.limits)
        parts << LatencyNames::key(limit.metric) + QLatin1Char(':') +
                     LatencyNames::key(limit.stat) + QStringLiteral("<=") +
                     QString::number(limit.maxMs, 'g', 10);
    return parts.join(QLatin1Char(','));
}
