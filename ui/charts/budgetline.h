#pragma once

#include "profile/latencybudget.h"

#include <QString>

// Which latency-budget limit the throughput-latency chart can draw as a vertical line on
// an x axis showing `metric` at `stat`, and what the legend and the note say about it.
// A limit on the same metric and statistic is the exact pass/fail boundary. A limit on
// the same metric but another statistic is still worth drawing (the default budget is on
// p95 while the axis defaults to p50), but only as a dotted reference, with a note saying
// which points it decides, so nobody reads it as the boundary of the points shown.
class BudgetLine {
public:
    enum class Kind { None, Exact, OtherStat };

    static BudgetLine choose(const LatencyBudget& budget, LatencyMetric metric, LatencyStat stat);

    Kind kind() const { return m_kind; }
    bool drawable() const { return m_kind != Kind::None; }
    double limitMs() const { return m_limitMs; }
    QString legendText() const { return m_legend; } // "Budget TTFT p95 ≤ 500 ms"
    // Shown over the plot: how to draw the budget when this axis cannot, or what a dotted
    // line means (empty for an exact line or no budget).
    QString noteText() const { return m_note; }

private:
    Kind m_kind = Kind::None;
    double m_limitMs = 0.0;
    QString m_legend;
    QString m_note;
};
