#include "models/summarytext.h"

#include "metrics/inconclusivelevels.h"
#include "metrics/levelcost.h"
#include "metrics/plateaudetector.h"
#include "models/levelmetrics.h"
#include "models/uiformat.h"
#include "results/serverplateauexplanation.h"

#include <QCoreApplication>
#include <QMap>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("SummaryText", text);
}

const LevelSummary* levelByIndex(const SweepSummary& summary, int index) {
    for (const LevelSummary& level : summary.levels) {
        if (level.index == index)
            return &level;
    }
    return nullptr;
}

QString capitalised(QString text) {
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// "6,130 tok/s", or "740 inputs/s" for an embeddings level (no tokens stream out of it).
QString rateText(const LevelSummary& level, double value) {
    return level.embeddings ? UiFormat::integer(qRound64(value)) % u" inputs/s"_s
                            : UiFormat::tps(value);
}

// "TTFT p95 410 ms, TPOT p50 38 ms": the level's values for each limit of the budget (an
// embeddings level has only e2e: its token-timing limits neither pass nor break).
QString limitValues(const LevelSummary& level, const LatencyBudget& budget) {
    QStringList parts;
    for (const LatencyLimit& limit : budget.limits) {
        if (level.embeddings && limit.metric != LatencyMetric::E2e)
            continue;
        parts.append(LevelMetrics::metricShort(limit.metric) % u' ' %
                     LatencyNames::key(limit.stat) % u' ' %
                     UiFormat::ms(LevelMetrics::value(level, limit.metric, limit.stat)));
    }
    return parts.join(u", "_s);
}
} // namespace

QString SummaryText::describe(const RunResult& result, bool live) {
    bool anyData = false;
    for (const LevelSummary& level : result.summary.levels)
        anyData = anyData || std::isfinite(level.headlineThroughput());
    if (!anyData) {
        return live ? tr("Waiting for the first level's measurements.")
                    : tr("No measurements in this run.");
    }
    QStringList sentences;
    QString first = throughputClause(result, live);
    const QString budget = budgetClause(result);
    if (!budget.isEmpty())
        first += u"; "_s % budget;
    sentences.append(capitalised(first) % u'.');
    // The same words as plateau-cli's summary for the levels the conclusions leave out.
    const QString leftOut = capitalised(InconclusiveLevels::sentence(
        result.summary.levels, [](const LevelSummary& l) { return LevelMetrics::longLabel(l); }));
    for (const QString& sentence :
         {ServerPlateauExplanation::sentence(result), leftOut, errorSentence(result),
          clientSentence(result), stopSentence(result, live)}) {
        if (!sentence.isEmpty())
            sentences.append(sentence);
    }
    return sentences.join(u' ');
}

QString SummaryText::throughputClause(const RunResult& result, bool live) {
    const SweepSummary& summary = result.summary;
    const PlateauResult& plateau = summary.plateau;
    const LevelSummary* from = levelByIndex(summary, plateau.plateauFromLevel);
    const LevelSummary* peak = levelByIndex(summary, plateau.plateauLevel);
    if (plateau.plateaued && from) {
        QString text = tr("throughput plateaus at ~%1 %2 from %3")
                           .arg(UiFormat::number(plateau.plateauTps, 2),
                                from->embeddings ? tr("inputs/s") : tr("tok/s"),
                                LevelMetrics::longLabel(*from));
        if (std::isfinite(plateau.kneeConcurrency)) {
            const QString knee =
                from->isRate ? UiFormat::number(plateau.kneeConcurrency, 2) % u" req/s"_s
                             : tr("concurrency %1").arg(std::lround(plateau.kneeConcurrency));
            text += tr(" (90% of it by about %1)").arg(knee);
        }
        return text;
    }
    if (!peak || !peak->conclusive() || !std::isfinite(plateau.plateauTps)) {
        // No plateau analysis yet (e.g. mid-run): report the best level measured, among
        // those that can support a conclusion (LevelSummary::conclusive).
        peak = nullptr;
        for (const LevelSummary& level : summary.levels) {
            if (level.conclusive() &&
                (!peak || level.headlineThroughput() > peak->headlineThroughput()))
                peak = &level;
        }
    }
    if (!peak) {
        bool anySuccess = false;
        for (const LevelSummary& level : summary.levels)
            anySuccess = anySuccess || level.successes > 0;
        return anySuccess ? tr("no level gave a usable throughput")
                          : tr("no request succeeded, so no throughput was measured");
    }
    const QString rate = rateText(*peak, peak->headlineThroughput());
    if (live) {
        return tr("no plateau yet: the highest throughput so far is %1 at %2")
            .arg(rate, LevelMetrics::longLabel(*peak));
    }
    PlateauResult peakOnly = plateau;
    peakOnly.plateauLevel = peak->index;
    if (PlateauDetector::stillRising(summary.levels, peakOnly)) {
        return tr("throughput did not plateau: it was still rising at %1 (%2), so try "
                  "higher %3")
            .arg(LevelMetrics::longLabel(*peak), rate,
                 peak->isRate ? tr("rates") : tr("concurrency"));
    }
    return tr("throughput peaks at %1 at %2 without a clear plateau")
        .arg(rate, LevelMetrics::longLabel(*peak));
}

QString SummaryText::budgetClause(const RunResult& result) {
    const LatencyBudget& budget = result.profile.budget;
    const SweepSummary& summary = result.summary;
    if (budget.isEmpty() && !summary.budget.hasBudget)
        return tr("no latency budget is set");
    const QString limits = budget.isEmpty()
                               ? tr("your budget")
                               : tr("your budget (%1)").arg(LevelMetrics::budgetText(budget));
    if (const LevelSummary* best = levelByIndex(summary, summary.budget.bestLevel)) {
        QString text = tr("within %1 the best is %2: %3")
                           .arg(limits, LevelMetrics::longLabel(*best),
                                rateText(*best, best->headlineThroughput()));
        // Its cost at the endpoint's price (issue 14): "$0.91 per million output tokens".
        const LevelCost cost = LevelCost::of(result.profile.endpoint().price, *best);
        if (std::isfinite(cost.perMillionOutputTokens))
            text +=
                u", "_s % tr("%1 per million output tokens")
                              .arg(LevelCost::money(cost.perMillionOutputTokens, cost.currency));
        if (!budget.isEmpty())
            text += u", "_s % limitValues(*best, budget);
        return text;
    }
    // The lightest level that measured something shows how far off the budget is.
    const LevelSummary* lowest = nullptr;
    for (const LevelSummary& level : summary.levels) {
        if (!lowest && level.conclusive())
            lowest = &level;
    }
    QString text = tr("no level meets %1").arg(limits);
    if (!budget.isEmpty() && lowest)
        text += tr(": even %1 has %2")
                    .arg(LevelMetrics::longLabel(*lowest), limitValues(*lowest, budget));
    return text;
}

QString SummaryText::errorSentence(const RunResult& result) {
    qint64 requests = 0;
    qint64 failed = 0;
    QMap<QString, int> byClass;
    const LevelSummary* firstFailing = nullptr;
    for (const LevelSummary& level : result.summary.levels) {
        requests += level.requests;
        failed += level.requests - level.successes;
        if (!firstFailing && level.requests > level.successes)
            firstFailing = &level;
        for (auto it = level.errors.cbegin(); it != level.errors.cend(); ++it)
            byClass[it.key()] += it.value();
    }
    if (failed <= 0 || requests <= 0)
        return {};
    QString text = tr("%1 of %2 requests failed (%3)")
                       .arg(UiFormat::integer(failed), UiFormat::integer(requests),
                            UiFormat::percent(double(failed) / double(requests)));
    QString topClass;
    int topCount = 0;
    for (auto it = byClass.cbegin(); it != byClass.cend(); ++it) {
        if (it.value() > topCount) {
            topClass = it.key();
            topCount = it.value();
        }
    }
    if (!topClass.isEmpty()) {
        text += (topCount == failed ? tr(", all %1") : tr(", mostly %1 (%2)"))
                    .arg(topClass, UiFormat::integer(topCount));
    }
    if (firstFailing && firstFailing != &result.summary.levels.constFirst())
        text += tr(", from %1 on").arg(LevelMetrics::longLabel(*firstFailing));
    return text % tr("; failed requests are left out of the latency figures.");
}

QString SummaryText::clientSentence(const RunResult& result) {
    QStringList labels;
    QString reason;
    for (const LevelSummary& level : result.summary.levels) {
        if (!level.clientBound)
            continue;
        labels.append(LevelMetrics::longLabel(level));
        if (reason.isEmpty())
            reason = level.clientBoundReason;
    }
    if (labels.isEmpty())
        return {};
    QString text =
        tr("The client itself may have limited the results at %1").arg(labels.join(u", "_s));
    if (!reason.isEmpty())
        text += u" ("_s % reason % u')';
    return text % u'.';
}

QString SummaryText::stopSentence(const RunResult& result, bool live) {
    if (live)
        return {};
    if (result.cancelled)
        return StopReasons::userText(StopReason::Cancelled);
    return StopReasons::userText(result.stopReason);
}
