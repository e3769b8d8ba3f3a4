#include "sweep/refinesearch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace {
double loadOf(const LevelSummary& level) {
    return level.isRate ? level.rate : double(level.concurrency);
}

QString loadText(bool isRate, double load) {
    return isRate ? QStringLiteral("%1 rps").arg(load, 0, 'g', 4)
                  : QStringLiteral("c=%1").arg(qRound(load));
}

std::optional<RefineSearch::Probe> none(QString* why, const QString& text) {
    if (why)
        *why = text;
    return std::nullopt;
}

// The heaviest conclusive load that met the budget (0: none) and the lightest heavier one
// that broke it (infinity: none).
std::pair<double, double> boundary(const SweepSummary& sweep, bool isRate) {
    double lo = 0.0;
    for (const LevelSummary& level : sweep.levels) {
        if (level.conclusive() && level.isRate == isRate && level.withinBudget)
            lo = std::max(lo, loadOf(level));
    }
    double hi = std::numeric_limits<double>::infinity();
    for (const LevelSummary& level : sweep.levels) {
        const double load = loadOf(level);
        if (level.isRate == isRate && !level.withinBudget && load > lo &&
            (level.conclusive() || level.successes == 0))
            hi = std::min(hi, load);
    }
    return {lo, hi};
}
} // namespace

QString RefineSearch::conclusion(const SweepSummary& sweep, const SweepPlan& plan) {
    const bool isRate = plan.mode == SweepPlan::Mode::Rate;
    const auto [lo, hi] = boundary(sweep, isRate);
    if (lo <= 0.0)
        return {};
    QString text = QStringLiteral("the largest load within the budget is ") + loadText(isRate, lo);
    if (std::isfinite(hi))
        text += QStringLiteral(" (%1 broke it)").arg(loadText(isRate, hi));
    return text;
}

std::optional<RefineSearch::Probe> RefineSearch::next(const SweepSummary& sweep,
                                                      const SweepPlan& plan, bool hasBudget,
                                                      int levelsSoFar, QString* why) {
    if (!plan.refine.enabled)
        return none(why, QStringLiteral("refine is off"));
    if (!hasBudget)
        return none(why, QStringLiteral("no latency budget to refine against"));
    if (levelsSoFar >= plan.refine.maxLevels)
        return none(why, QStringLiteral("its %1 extra levels are spent").arg(levelsSoFar));
    const bool isRate = plan.mode == SweepPlan::Mode::Rate;
    const auto [lo, hi] = boundary(sweep, isRate);
    if (!std::isfinite(hi))
        return none(why, QStringLiteral("every level met the budget; no boundary to refine"));
    Probe probe;
    probe.isRate = isRate;
    if (isRate) {
        if (lo > 0.0 && hi / lo <= kRateResolution)
            return none(why, QStringLiteral("found to within 5%"));
        probe.rate = lo > 0.0 ? (lo + hi) / 2.0 : hi / 2.0;
    } else {
        const int low = int(lo);
        const int high = int(hi);
        if (high - low <= 1 || high <= 1)
            return none(why, QStringLiteral("found to one concurrency"));
        probe.concurrency = low + (high - low) / 2;
    }
    probe.why =
        QStringLiteral("between %1 (%2) and %3 (broke the budget)")
            .arg(lo > 0.0 ? loadText(isRate, lo) : QStringLiteral("no load"),
                 lo > 0.0 ? QStringLiteral("met it") : QStringLiteral("-"), loadText(isRate, hi));
    return probe;
}
