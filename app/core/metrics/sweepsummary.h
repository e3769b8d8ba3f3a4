#pragma once

#include "metrics/levelsummary.h"

#include <QJsonObject>
#include <QList>
#include <limits>

// docs/METRICS.md "Per sweep": the plateau of the latency-throughput curve.
struct PlateauResult {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    double plateauTps = nan;      // highest level throughput
    int plateauLevel = -1;        // LevelSummary::index of that level
    bool plateaued = false;       // a >=1.5x concurrency step gained < threshold while latency rose
    int plateauFromLevel = -1;    // LevelSummary::index of the first level of the flat part
    double kneeConcurrency = nan; // smallest concurrency reaching 90% of plateauTps (interpolated)
    // Rate sweeps: the same knee on the request-rate axis (kneeConcurrency then uses the
    // achieved concurrency as x). NaN for closed-loop sweeps.
    double kneeRate = nan;
    // 95% interval of plateauTps (its level's batch-means interval) and the range of the knee
    // the levels' intervals allow (the knee of the curve through their upper bounds to that
    // through their lower bounds; a conservative band, not a 95% interval). None when a level
    // in use has no interval.
    FigureInterval plateauTpsCi;
    FigureInterval kneeConcurrencyCi;
    // Steps whose "gained < threshold?" the intervals could not decide (GainDecision): such a
    // step is never taken as the plateau; stepNote names the first one.
    int undecidedSteps = 0;
    QString stepNote;
    // A batch-size sweep (issue 14): the batch size whose levels this plateau is of; 0 when
    // the sweep has one curve.
    int batchSize = 0;

    QJsonObject toJson() const;
    static PlateauResult fromJson(const QJsonObject& object);
};

struct BudgetResult {
    bool hasBudget = false;
    int bestLevel = -1; // LevelSummary::index of the highest-throughput level meeting every
                        // limit; -1 if none meets it or there is no budget
    QJsonObject toJson() const;
    static BudgetResult fromJson(const QJsonObject& object);
};

struct SweepSummary {
    QList<LevelSummary> levels;
    // With one curve, that curve's plateau; in a batch-size sweep the highest of batchPlateaus
    // (the most inputs/s the endpoint served at any batch size).
    PlateauResult plateau;
    QList<PlateauResult> batchPlateaus; // one per batch size, in run order; empty otherwise
    BudgetResult budget;
};
