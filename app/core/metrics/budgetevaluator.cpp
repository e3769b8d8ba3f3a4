#include "metrics/budgetevaluator.h"

#include "metrics/latencyvalues.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
// TPOT and ITL do not exist for a one-token answer: a limit on them cannot be broken by it.
bool notApplicableWhenMissing(LatencyMetric metric) {
    return metric == LatencyMetric::Tpot || metric == LatencyMetric::Itl;
}

// An embeddings answer is one body, not a stream of tokens: TTFT, TPOT and ITL do not exist
// for it, so a limit on them (the default budget's TTFT p95, say) neither passes nor breaks.
bool tokenTiming(LatencyMetric metric) {
    return metric == LatencyMetric::Ttft || metric == LatencyMetric::Tpot ||
           metric == LatencyMetric::Itl;
}

// "TTFT p95".
QString limitName(const LatencyLimit& limit) {
    return LatencyNames::displayName(limit.metric, limit.stat);
}

// The measured value, short (3 significant digits, whole ms from 100 up), with just enough
// extra decimals that it prints above the limit it broke: "612.3 ms > 612 ms", never
// "612 ms > 612 ms".
QString valueText(double value, double limit) {
    QString text =
        std::abs(value) >= 100 ? QString::number(value, 'f', 0) : QString::number(value, 'g', 3);
    for (int decimals = 1; decimals <= 6 && !(text.toDouble() > limit); ++decimals)
        text = QString::number(value, 'f', decimals);
    return text;
}

double requestValue(const RequestRecord& r, LatencyMetric metric, LatencyStat stat) {
    if (metric == LatencyMetric::Itl) // the request's own gap distribution, by the limit's stat
        return LatencyValues::of(LatencyStats::compute(r.itlMs()), stat);
    return LatencyValues::ofRequest(r, metric);
}
} // namespace

bool BudgetEvaluator::levelMeets(const LevelSummary& level, const LatencyBudget& budget) {
    return budget.isEmpty() || violations(level, budget).isEmpty();
}

QStringList BudgetEvaluator::violations(const LevelSummary& level, const LatencyBudget& budget) {
    QStringList out;
    if (budget.isEmpty())
        return out;
    // A level with no successful request shows nothing that meets any limit.
    if (level.successes <= 0) {
        out << u"no successful request"_s;
        return out;
    }
    for (const LatencyLimit& limit : budget.limits) {
        const QString name = limitName(limit);
        const QString limitText = QString::number(limit.maxMs, 'g', 6);
        if (level.embeddings && tokenTiming(limit.metric))
            continue;
        const LatencyStats& stats = LatencyValues::of(level, limit.metric);
        const double v = LatencyValues::of(stats, limit.stat);
        if (std::isnan(v)) {
            if (stats.count == 0 && notApplicableWhenMissing(limit.metric))
                continue;
            out << name + u" not measured (limit "_s + limitText + u" ms)"_s;
            continue;
        }
        if (v > limit.maxMs)
            out << name + u' ' + valueText(v, limit.maxMs) + u" ms > "_s + limitText + u" ms"_s;
    }
    return out;
}

bool BudgetEvaluator::requestMeets(const RequestRecord& record, const LatencyBudget& budget) {
    if (!record.ok())
        return false;
    for (const LatencyLimit& limit : budget.limits) {
        if (record.embeddingInputs > 0 && tokenTiming(limit.metric))
            continue;
        const double v = requestValue(record, limit.metric, limit.stat);
        if (std::isnan(v)) {
            if (notApplicableWhenMissing(limit.metric))
                continue;
            return false;
        }
        if (v > limit.maxMs)
            return false;
    }
    return true;
}

BudgetResult BudgetEvaluator::best(const QList<LevelSummary>& levels, const LatencyBudget& budget) {
    BudgetResult result;
    result.hasBudget = !budget.isEmpty();
    if (!result.hasBudget)
        return result;
    double bestTps = -1.0;
    for (const LevelSummary& level : levels) {
        // A level that never held its target met the budget at a lighter load than it names.
        if (!level.conclusive() || !levelMeets(level, budget))
            continue;
        // Strictly greater: on a tie the lighter (earlier) level wins.
        if (level.headlineThroughput() > bestTps) {
            bestTps = level.headlineThroughput();
            result.bestLevel = level.index;
        }
    }
    return result;
}
