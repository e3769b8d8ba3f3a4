#include "cli/runassertion.h"

#include "cli/numberformat.h"
#include "results/runcomparison.h"

#include <cmath>

namespace {
struct Figure {
    double value = std::nan("");
    FigureInterval ci;
};

Figure figureOf(const QString& name, const RunResult& result) {
    const PlateauResult& p = result.summary.plateau;
    if (name == QLatin1String("plateau_tps"))
        return {p.plateauTps, p.plateauTpsCi};
    if (name == QLatin1String("knee_concurrency"))
        return {p.kneeConcurrency, {}}; // its range is no 95% interval: taken as it is
    const LevelSummary* best = RunComparison::levelByIndex(result, result.summary.budget.bestLevel);
    if (!best)
        return {};
    if (name == QLatin1String("best_in_budget.concurrency"))
        return {best->isRate ? std::nan("") : double(best->concurrency), {}};
    if (name == QLatin1String("best_in_budget.rate"))
        return {best->isRate ? best->rate : std::nan(""), {}};
    if (name == QLatin1String("best_in_budget.output_throughput_tps"))
        return {best->outputThroughputTps, best->outputThroughputCi};
    return {};
}
} // namespace

QStringList RunAssertion::figureNames() {
    return {QStringLiteral("best_in_budget.concurrency"), QStringLiteral("best_in_budget.rate"),
            QStringLiteral("best_in_budget.output_throughput_tps"), QStringLiteral("plateau_tps"),
            QStringLiteral("knee_concurrency")};
}

AssertionOutcome RunAssertion::check(const GateExpression& gate, const RunResult& result) {
    const Figure f = figureOf(gate.figure, result);
    AssertionOutcome out{gate, f.value, false, false, {}};
    QString shown = QString::number(f.value, 'g', 7);
    if (f.ci.ok())
        shown += QStringLiteral(", 95% CI %1-%2")
                     .arg(NumberFormat::count(f.ci.lo), NumberFormat::count(f.ci.hi));
    if (std::isnan(f.value)) {
        out.failed = true;
        out.message = QStringLiteral("FAIL  %1 (no such figure in this run)").arg(gate.text);
    } else if (gate.holds(f.value)) {
        out.message = QStringLiteral("pass  %1 (%2)").arg(gate.text, shown);
    } else if (f.ci.ok() && (gate.holds(f.ci.lo) || gate.holds(f.ci.hi))) {
        out.unsure = true;
        out.message =
            QStringLiteral("pass  %1 (%2: broken within the noise)").arg(gate.text, shown);
    } else {
        out.failed = true;
        out.message = QStringLiteral("FAIL  %1 (%2)").arg(gate.text, shown);
    }
    return out;
}
