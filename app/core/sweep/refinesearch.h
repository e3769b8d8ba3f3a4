#pragma once

#include "metrics/sweepsummary.h"
#include "profile/sweepplan.h"

#include <QString>
#include <optional>

// Finding the exact operating point (issue 13; docs/METRICS.md "Refine"). After the plan's
// levels, between the heaviest level that met the latency budget and the lightest heavier one
// that broke it, measure the load halfway, and again, until the two are adjacent integer
// concurrencies (or rates within 5% of each other) or the plan's extra levels are spent. The
// largest load that met the budget is then best-in-budget's level, as with any other level.
// Levels are judged as the sweep judges them (LevelSummary::withinBudget on conclusive
// levels); a noisy endpoint that meets the budget at c=20 and not at c=18 keeps the heaviest
// level that met it as the lower end.
class RefineSearch {
public:
    struct Probe {
        bool isRate = false;
        int concurrency = 0;
        double rate = 0.0;
        QString why; // "between c=16 (met) and c=32 (broke)"
    };
    static constexpr double kRateResolution = 1.05; // rates: stop when hi / lo <= this
    static constexpr int kMaxLevels = 20;

    // The next load to measure; none when the boundary is found, there is no budget or no
    // boundary among the measured levels (`*why` says which), or `levelsSoFar` reached
    // plan.refine.maxLevels.
    static std::optional<Probe> next(const SweepSummary& sweep, const SweepPlan& plan,
                                     bool hasBudget, int levelsSoFar, QString* why = nullptr);
    // What the search found: "the largest load within the budget is c=20 (c=21 broke it)";
    // "" when no level met the budget.
    static QString conclusion(const SweepSummary& sweep, const SweepPlan& plan);
};
