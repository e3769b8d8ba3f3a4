#pragma once

#include "metrics/figureinterval.h"

#include <QJsonObject>
#include <QList>
#include <limits>

// One figure across the repetitions of a repeated run: the mean of the per-run values and a
// Student t 95% interval over them (df = runs - 1; docs/METRICS.md "Between runs"). Fewer
// than two values give the mean alone.
struct BetweenRunFigure {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    int runs = 0; // repetitions that had a value
    double mean = nan;
    FigureInterval ci;

    bool isEmpty() const { return runs == 0; }
    // NaN values (a run without that figure) are left out.
    static BetweenRunFigure of(const QList<double>& perRun);
    // {"mean": m, "ci95": [lo, hi] | null}
    QJsonObject toJson() const;
    static BetweenRunFigure fromJson(const QJsonObject& object, int runs);
};
