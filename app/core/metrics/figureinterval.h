#pragma once

#include <QJsonValue>
#include <QString>
#include <limits>

struct Interval;

// The 95% confidence interval of one figure as a results file keeps it (docs/METRICS.md
// "How sure a figure is"): [lo, hi] next to the figure ("ci95": [lo, hi]), plus, for t-based
// intervals (batch means), the degrees of freedom that let two saved runs be compared with
// Welch's test. lo/hi are NaN when the figure has no interval; `note` then says why.
struct FigureInterval {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    double lo = nan;
    double hi = nan;
    double degreesOfFreedom = nan; // batch means: batches - 1; NaN for order statistics
    QString note;                  // why there is no interval; not written to JSON

    bool ok() const;
    double halfWidth() const; // (hi - lo) / 2, NaN without an interval
    // The interval of a plateau_stats method; `centre` recentres a symmetric (t-based)
    // interval on the figure the results report (NaN: keep the method's bounds).
    static FigureInterval from(const Interval& interval, double centre = nan);
    // The t interval back (MeanInterval::fromHalfWidth) for WelchTest / GainDecision;
    // not ok() when there are no degrees of freedom.
    Interval toStudentT(double estimate) const;

    QJsonValue toJson() const; // [lo, hi], or null without an interval
    // Accepts a missing key (older files), null, or [lo, hi] with lo <= hi finite numbers.
    static FigureInterval fromJson(const QJsonValue& value);
};
