#pragma once

#include "cli/gateexpression.h"
#include "results/runresult.h"

#include <QStringList>

// `plateau-cli run --assert 'best_in_budget.concurrency >= 32'`: a condition on the run's own
// figures. It fails when the figure is missing (no level within budget) or breaks the
// condition beyond its noise: a figure with a 95% interval (plateau_tps) fails only when the
// whole interval breaks it; inside the interval it passes as "unsure".
struct AssertionOutcome {
    GateExpression gate;
    double value = 0.0;
    bool failed = false;
    bool unsure = false; // the figure breaks the condition, its interval does not
    QString message;     // "pass  plateau_tps >= 5000 (7,912 ±60)"
};

class RunAssertion {
public:
    static constexpr int kMaxAssertions = 32;
    // best_in_budget.concurrency, best_in_budget.rate, best_in_budget.output_throughput_tps,
    // plateau_tps, knee_concurrency
    static QStringList figureNames();
    static AssertionOutcome check(const GateExpression& gate, const RunResult& result);
};
