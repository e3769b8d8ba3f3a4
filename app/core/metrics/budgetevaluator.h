#pragma once

#include "metrics/levelsummary.h"
#include "metrics/sweepsummary.h"
#include "profile/latencybudget.h"
#include "record/requestrecord.h"

#include <QList>
#include <QStringList>

// Checks levels (and single requests, for goodput) against a latency budget.
class BudgetEvaluator {
public:
    // Every limit holds for the level's distribution (true for an empty budget).
    static bool levelMeets(const LevelSummary& level, const LatencyBudget& budget);
    // Human-readable list of the limits a level breaks: "TTFT p95 612 ms > 500 ms".
    static QStringList violations(const LevelSummary& level, const LatencyBudget& budget);
    // A single successful request meets every limit (its own value vs each limit's maxMs).
    static bool requestMeets(const RequestRecord& record, const LatencyBudget& budget);
    // The highest-throughput conclusive level (LevelSummary::conclusive) that meets the budget.
    static BudgetResult best(const QList<LevelSummary>& levels, const LatencyBudget& budget);
};
