#include "cli/summarytable.h"

#include "cli/betweenrunstable.h"
#include "cli/budgetspec.h"
#include "cli/numberformat.h"
#include "cli/servermetricstable.h"
#include "cli/servertimingtable.h"
#include "cli/turntable.h"
#include "metrics/budgetevaluator.h"
#include "metrics/inconclusivelevels.h"
#include "metrics/levelcost.h"
#include "metrics/plateaudetector.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace {
// Columns: header and whether the values are right-aligned (numbers) or left (text).
struct Column {
    QString header;
    bool right = true;
};

QString errorCell(const LevelSummary& level) {
    const int failed = level.requests - level.successes;
    return NumberFormat::count(failed);
}

// The plateau of the curve a level is on: its batch size's in a batch-size sweep (issue 14).
const PlateauResult& curveOf(const SweepSummary& summary, const LevelSummary& level) {
    for (const PlateauResult& curve : summary.batchPlateaus)
        if (curve.batchSize == level.batchSize)
            return curve;
    return summary.plateau;
}

QString notes(const SweepSummary& summary, const LevelSummary& level, int row,
              const LatencyBudget& budget) {
    QStringList out;
    if (summary.budget.hasBudget && summary.budget.bestLevel == row)
        out << QStringLiteral("best in budget");
    const PlateauResult& curve = curveOf(summary, level);
    if (curve.plateaued && row >= curve.plateauFromLevel)
        out << QStringLiteral("plateau");
    else if (row == curve.plateauLevel)
        out << QStringLiteral("peak");
    if (!budget.isEmpty() && level.successes > 0 && !level.withinBudget) {
        const QStringList broken = BudgetEvaluator::violations(level, budget);
        out << (broken.isEmpty() ? QStringLiteral("over budget")
                                 : QStringLiteral("over budget: ") + broken.constFirst());
    }
    if (level.throughputSource == QLatin1String("wall_time"))
        out << QStringLiteral("tok/s over wall time: ") +
                   level.throughputNote.section(QStringLiteral("; "), 0, 0);
    if (!level.conclusive() && (level.complete || level.requests > 0))
        out << QStringLiteral("left out: ") + (level.requests > 0 && level.successes == 0
                                                   ? QStringLiteral("every request failed")
                                                   : level.inconclusiveReason());
    if (level.clientBound)
        out << QStringLiteral("client_bound");
    if (level.littleLawMismatch)
        out << QStringLiteral("little's-law mismatch");
    if (!level.complete)
        out << QStringLiteral("incomplete");
    if (!level.errors.isEmpty()) {
        QStringList kinds;
        for (auto it = level.errors.cbegin(); it != level.errors.cend(); ++it)
            kinds << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        out << kinds.join(QLatin1Char(' '));
    }
    return out.join(QStringLiteral(", "));
}

QString levelName(const LevelSummary& level) {
    const QString label = level.label();
    if (!label.isEmpty())
        return label;
    return level.isRate ? QStringLiteral("%1 rps").arg(level.rate)
                        : QStringLiteral("c=%1").arg(level.concurrency);
}

// A level in a sentence: "c=4", or "c=4, batch 32" in a batch-size sweep (issue 14).
QString curveName(const SweepSummary& summary, const LevelSummary& level) {
    if (summary.batchPlateaus.isEmpty() || level.batchSize <= 0)
        return levelName(level);
    return levelName(level) + QStringLiteral(", batch ") + QString::number(level.batchSize);
}

// A figure with its 95% interval as "7,912 ±60" (half the interval's width; percentile
// intervals are not quite symmetric, the results JSON has both ends).
QString withInterval(const QString& figure, const FigureInterval& ci, QString (*format)(double)) {
    return ci.ok() ? figure + QStringLiteral(" ±") + format(ci.halfWidth()) : figure;
}

// "~7,900 ± 60" with the plateau level's interval, "~7,900" without one.
QString plateauFigure(const PlateauResult& p) {
    const QString figure = NumberFormat::approx(p.plateauTps);
    return p.plateauTpsCi.ok()
               ? figure + QStringLiteral(" ± ") + NumberFormat::count(p.plateauTpsCi.halfWidth())
               : figure;
}

// A batch-size sweep (issue 14): "per batch size: batch 1 ~420, batch 8 ~1,500 inputs/s".
QString batchCurves(const SweepSummary& summary, const QString& unit) {
    QStringList curves;
    for (const PlateauResult& curve : summary.batchPlateaus)
        curves << QStringLiteral("batch %1 %2%3")
                      .arg(curve.batchSize)
                      .arg(NumberFormat::approx(curve.plateauTps),
                           curve.plateaued ? QStringLiteral(" (plateau)") : QString());
    return QStringLiteral("per batch size: ") + curves.join(QStringLiteral(", ")) +
           QLatin1Char(' ') + unit;
}

QString tps(const LevelSummary& level) {
    return withInterval(NumberFormat::count(level.outputThroughputTps), level.outputThroughputCi,
                        NumberFormat::count);
}

// Half-widths below what NumberFormat::ms shows read "<0.1", not a "±0.0" that claims none.
QString msHalfWidth(double value) {
    return value < 0.05 ? QStringLiteral("<0.1") : NumberFormat::ms(value);
}

QString ms(double value, const FigureInterval& ci) {
    return withInterval(NumberFormat::ms(value), ci, msHalfWidth);
}

// openai-embeddings (issue 14): no stream, so no TTFT/TPOT columns; the throughput is
// inputs/s (the plateau's figure) and input tokens/s, the latency e2e.
bool embeddingRun(const SweepSummary& summary) {
    return std::any_of(summary.levels.cbegin(), summary.levels.cend(),
                       [](const LevelSummary& l) { return l.embeddings; });
}

QString throughputUnit(const SweepSummary& summary) {
    return embeddingRun(summary) ? QStringLiteral("inputs/s") : QStringLiteral("tok/s");
}

QList<Column> embeddingColumns() {
    return {{QStringLiteral("level"), false}, {QStringLiteral("batch")},
            {QStringLiteral("reqs")},         {QStringLiteral("err")},
            {QStringLiteral("inputs/s")},     {QStringLiteral("in tok/s")},
            {QStringLiteral("e2e p50")},      {QStringLiteral("e2e p95")},
            {QStringLiteral("e2e p99")},      {QStringLiteral("conc")},
            {QStringLiteral("notes"), false}};
}

QStringList embeddingRow(const LevelSummary& l) {
    return {levelName(l),
            l.batchSize > 0 ? QString::number(l.batchSize) : QStringLiteral("-"),
            NumberFormat::count(l.requests),
            errorCell(l),
            NumberFormat::count(l.inputsPerSecond),
            NumberFormat::count(l.inputThroughputTps),
            ms(l.e2eMs.p50, l.e2eMs.p50Ci),
            ms(l.e2eMs.p95, l.e2eMs.p95Ci),
            ms(l.e2eMs.p99, l.e2eMs.p99Ci),
            NumberFormat::decimal(l.achievedConcurrency, 1)};
}

QString costCell(const LevelCost& cost) {
    return std::isfinite(cost.perMillionOutputTokens)
               ? LevelCost::money(cost.perMillionOutputTokens, cost.currency)
               : QStringLiteral("-");
}
} // namespace

QString SummaryTable::table(const SweepSummary& summary, const LatencyBudget& budget,
                            const EndpointPrice& price) {
    QList<Column> columns = {
        {QStringLiteral("level"), false}, {QStringLiteral("reqs")},
        {QStringLiteral("err")},          {QStringLiteral("out tok/s")},
        {QStringLiteral("TTFT p50")},     {QStringLiteral("TTFT p95")},
        {QStringLiteral("TPOT p50")},     {QStringLiteral("e2e p50")},
        {QStringLiteral("e2e p95")},      {QStringLiteral("conc")},
        {QStringLiteral("notes"), false},
    };
    const bool embeddings = embeddingRun(summary);
    if (embeddings)
        columns = embeddingColumns();
    else if (price.isSet())
        columns.insert(columns.size() - 1, {QStringLiteral("cost/Mtok out")});
    // By load: levels a refine search appended run after the plan's but belong between them.
    // A batch-size grid (issue 14) keeps each batch size's levels together, as it ran them.
    QList<int> order(summary.levels.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const LevelSummary& x = summary.levels.at(a);
        const LevelSummary& y = summary.levels.at(b);
        if (x.batchSize != y.batchSize)
            return x.batchSize < y.batchSize;
        return (x.isRate ? x.rate : x.concurrency) < (y.isRate ? y.rate : y.concurrency);
    });
    QList<QStringList> rows;
    for (int i : order) {
        const LevelSummary& l = summary.levels.at(i);
        if (embeddings) {
            rows.append(embeddingRow(l) << notes(summary, l, i, budget));
            continue;
        }
        rows.append({levelName(l), NumberFormat::count(l.requests), errorCell(l), tps(l),
                     ms(l.ttftMs.p50, l.ttftMs.p50Ci), ms(l.ttftMs.p95, l.ttftMs.p95Ci),
                     ms(l.tpotMs.p50, l.tpotMs.p50Ci), ms(l.e2eMs.p50, l.e2eMs.p50Ci),
                     ms(l.e2eMs.p95, l.e2eMs.p95Ci),
                     NumberFormat::decimal(l.achievedConcurrency, 1),
                     notes(summary, l, i, budget)});
        if (price.isSet())
            rows.last().insert(columns.size() - 2, costCell(LevelCost::of(price, l)));
    }
    QList<int> widths;
    for (int c = 0; c < columns.size(); ++c) {
        int w = int(columns.at(c).header.size());
        for (const QStringList& row : rows)
            w = qMax(w, int(row.at(c).size()));
        widths.append(w);
    }
    auto line = [&](const QStringList& cells) -> QString {
        QString text;
        for (int c = 0; c < columns.size(); ++c) {
            const bool last = c == columns.size() - 1;
            const QString& cell = cells.at(c);
            if (c > 0)
                text += QStringLiteral("  ");
            if (last)
                text += cell; // no trailing padding
            else
                text += columns.at(c).right ? cell.rightJustified(widths.at(c))
                                            : cell.leftJustified(widths.at(c));
        }
        while (text.endsWith(QLatin1Char(' '))) // an empty notes cell leaves padding behind
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QStringList headers;
    for (const Column& c : columns)
        headers << c.header;
    QString text = line(headers);
    for (const QStringList& row : rows)
        text += line(row);
    bool anyWallTime = false;
    for (const LevelSummary& l : summary.levels)
        anyWallTime = anyWallTime || l.throughputSource == QLatin1String("wall_time");
    bool anyInterval = false;
    for (const LevelSummary& l : summary.levels)
        anyInterval = anyInterval || l.outputThroughputCi.ok() || l.ttftMs.p50Ci.ok();
    if (embeddings)
        text += QStringLiteral("(openai-embeddings: no stream, so no TTFT/TPOT; latencies are e2e "
                               "in ms; inputs/s and in tok/s over the steady window)\n");
    else
        text += anyWallTime
                    ? QStringLiteral("(latencies in ms; out tok/s over the steady window, or "
                                     "the wall time where noted; conc = achieved "
                                     "concurrency")
                    : QStringLiteral("(latencies in ms; out tok/s over the steady window; "
                                     "conc = achieved concurrency");
    if (!embeddings)
        text += anyInterval ? QStringLiteral("; ± = half the 95% confidence interval)\n")
                            : QStringLiteral(")\n");
    return text;
}

QString SummaryTable::plateauLine(const SweepSummary& summary, const LatencyBudget& budget,
                                  const EndpointPrice& price) {
    const QList<LevelSummary>& levels = summary.levels;
    if (levels.isEmpty())
        return QStringLiteral("No level finished: nothing to summarise.\n");
    const PlateauResult& p = summary.plateau;
    QStringList parts;
    bool anySuccess = false;
    for (const LevelSummary& l : levels)
        anySuccess = anySuccess || l.successes > 0;
    if (p.plateauLevel < 0 || p.plateauLevel >= levels.size() || !std::isfinite(p.plateauTps)) {
        parts << (anySuccess ? QStringLiteral("No level gave a usable throughput")
                             : QStringLiteral("No throughput measured (no request succeeded)"));
    } else if (p.plateaued && p.plateauFromLevel >= 0 && p.plateauFromLevel < levels.size()) {
        parts << QStringLiteral("Throughput plateaus at %1 %3 from %2")
                     .arg(plateauFigure(p), curveName(summary, levels.at(p.plateauFromLevel)),
                          throughputUnit(summary));
    } else if (PlateauDetector::stillRising(levels, p)) {
        const LevelSummary& peak = levels.at(p.plateauLevel);
        parts << QStringLiteral("No plateau yet: highest throughput %1 %4 at %2 (still rising; "
                                "try higher %3)")
                     .arg(plateauFigure(p), curveName(summary, peak),
                          peak.isRate ? QStringLiteral("rates") : QStringLiteral("concurrency"),
                          throughputUnit(summary));
    } else {
        // A heavier level measured less, or failed outright: trying higher will not help.
        parts << QStringLiteral("Throughput peaks at %1 %3 at %2 without a clear plateau")
                     .arg(plateauFigure(p), curveName(summary, levels.at(p.plateauLevel)),
                          throughputUnit(summary));
    }
    if (p.plateaued && std::isfinite(p.kneeConcurrency))
        parts << QStringLiteral("knee at c≈%1").arg(NumberFormat::count(p.kneeConcurrency)) +
                     (p.kneeConcurrencyCi.ok()
                          ? QStringLiteral(" (%1-%2)")
                                .arg(NumberFormat::count(p.kneeConcurrencyCi.lo),
                                     NumberFormat::count(p.kneeConcurrencyCi.hi))
                          : QString());
    if (!summary.batchPlateaus.isEmpty())
        parts << batchCurves(summary, throughputUnit(summary));
    if (!p.plateaued && p.undecidedSteps > 0)
        parts << QStringLiteral("%1 step(s) too noisy to call flat (%2; longer levels decide)")
                     .arg(p.undecidedSteps)
                     .arg(p.stepNote);
    if (!summary.budget.hasBudget || budget.isEmpty()) {
        parts << QStringLiteral("no latency budget set");
    } else if (summary.budget.bestLevel >= 0 && summary.budget.bestLevel < levels.size()) {
        const LevelSummary& best = levels.at(summary.budget.bestLevel);
        const LevelCost cost = LevelCost::of(price, best);
        parts << QStringLiteral("best within budget: %1 (%2 %4%3)")
                     .arg(curveName(summary, best), NumberFormat::approx(best.headlineThroughput()),
                          std::isfinite(cost.perMillionOutputTokens)
                              ? u", " + costCell(cost) + u" per million output tokens"
                              : QString(),
                          throughputUnit(summary));
    } else {
        parts << QStringLiteral("no level meets the budget %1").arg(BudgetSpec::format(budget));
    }
    QString text = parts.join(QStringLiteral("; ")) + QStringLiteral(".\n");
    const QString leftOut = InconclusiveLevels::sentence(levels, levelName);
    if (!leftOut.isEmpty())
        text += leftOut + QLatin1Char('\n');
    return text;
}

QString SummaryTable::render(const RunResult& result) {
    // No level finished: a table of headers alone says nothing; the one line says it all.
    if (result.summary.levels.isEmpty())
        return plateauLine(result.summary, result.profile.budget);
    const EndpointPrice& price = result.profile.endpoint().price;
    QString text = table(result.summary, result.profile.budget, price) + QLatin1Char('\n') +
                   plateauLine(result.summary, result.profile.budget, price);
    const QString server = ServerMetricsTable::render(result); // empty unless scraped
    if (!server.isEmpty())
        text += QLatin1Char('\n') + server;
    const QString timings = ServerTimingTable::render(result); // empty unless reported (Ollama)
    if (!timings.isEmpty())
        text += QLatin1Char('\n') + timings;
    const QString turns = TurnTable::render(result.summary); // empty without conversations
    if (!turns.isEmpty())
        text += QLatin1Char('\n') + turns;
    const QString between = BetweenRunsTable::render(result); // empty unless repeated
    if (!between.isEmpty())
        text = QStringLiteral("Run 1 of %1:\n").arg(result.repeats.size()) + text +
               QLatin1Char('\n') + between;
    return text;
}
