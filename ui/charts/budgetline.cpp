#include "charts/budgetline.h"

#include "models/levelmetrics.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("BudgetLine", text);
}
// Order of the statistics a limit may use; -1 when not comparable (the mean).
int statRank(LatencyStat stat) {
    if (stat == LatencyStat::Max)
        return 1000;
    if (const std::optional<double> q = LatencyNames::quantile(stat))
        return qRound(*q * 100.0);
    return -1;
}
} // namespace

BudgetLine BudgetLine::choose(const LatencyBudget& budget, LatencyMetric metric, LatencyStat stat) {
    BudgetLine line;
    if (budget.isEmpty())
        return line;
    const LatencyLimit* exact = nullptr;
    const LatencyLimit* sameMetric = nullptr;
    for (const LatencyLimit& limit : budget.limits) {
        if (limit.metric != metric || !(limit.maxMs > 0.0))
            continue;
        if (limit.stat == stat && !exact)
            exact = &limit;
        if (!sameMetric)
            sameMetric = &limit;
    }
    if (exact) {
        line.m_kind = Kind::Exact;
        line.m_limitMs = exact->maxMs;
        line.m_legend = tr("Budget %1").arg(LevelMetrics::limitText(*exact));
    } else if (sameMetric) {
        line.m_kind = Kind::OtherStat;
        line.m_limitMs = sameMetric->maxMs;
        line.m_legend = tr("Budget %1").arg(LevelMetrics::limitText(*sameMetric));
        // Percentiles are ordered (p50 ≤ p95 ≤ max), so the line still separates some
        // points for certain: say which, and that it is not the boundary of the others.
        const int axisRank = statRank(stat);
        const int limitRank = statRank(sameMetric->stat);
        const QString head = tr("Dotted: a %1 limit on a %2 axis")
                                 .arg(LatencyNames::key(sameMetric->stat), LatencyNames::key(stat));
        if (axisRank >= 0 && limitRank >= 0 && axisRank < limitRank)
            line.m_note = head % tr(": points right of it fail it, points left may too");
        else if (axisRank >= 0 && limitRank >= 0 && axisRank > limitRank)
            line.m_note = head % tr(": points left of it meet it, points right may too");
        else
            line.m_note = head % tr(": a guide, not the boundary");
    } else {
        const LatencyLimit& first = budget.limits.constFirst();
        line.m_note =
            tr("Budget %1: choose %2 on the x axis to draw it")
                .arg(LevelMetrics::budgetText(budget), LevelMetrics::metricShort(first.metric));
    }
    return line;
}
