#include "metrics/plateaudetector.h"

#include "stats/gaindecision.h"

#include <algorithm>
#include <cmath>

namespace {
// docs/METRICS.md: the step must at least multiply the load by this ("doubling (>=1.5x)").
constexpr double kStepFactor = 1.5;
// The knee is where the curve first reaches this share of its best throughput.
constexpr double kKneeShare = 0.9;

struct Point {
    int index;   // LevelSummary::index
    double load; // what the plan named: concurrency, or the rate
    double x;    // load: concurrency (closed loop) or achieved concurrency (open loop)
    double rate; // open loop: the offered rate, else NaN
    double tps;
    double e2eP50;
    FigureInterval ci; // of tps
    QString label;
};

double loadOf(const LevelSummary& l) {
    return l.isRate ? l.rate : double(l.concurrency);
}

// Smallest x at which the curve reaches `threshold`, interpolated linearly between the two
// neighbouring levels (in x order) that straddle it. xOf picks the axis. No interpolation
// across a level left out of the conclusions (`gaps`, by load): nothing is known of the
// curve there (it may be where every request failed), so the knee is then the first
// measured level that reaches the threshold.
// Whether the step from a to the heavier b gained less than gainThreshold. With both
// intervals, only when GainDecision says "flat" (the ratio's interval wholly below
// 1 + threshold); an undecided step is not flat and is counted in result. Without intervals
// (older results, rates over the wall time) the point estimates decide, as before.
bool stepIsFlat(const Point& a, const Point& b, double gainThreshold, PlateauResult& result) {
    if (!a.ci.ok() || !b.ci.ok())
        return a.tps > 0 && b.tps < a.tps * (1.0 + gainThreshold);
    const GainDecisionResult gain =
        GainDecision::decide(a.ci.toStudentT(a.tps), b.ci.toStudentT(b.tps), gainThreshold);
    if (gain.verdict != GainVerdict::Undecided)
        return gain.verdict == GainVerdict::Flat;
    ++result.undecidedSteps;
    if (result.stepNote.isEmpty()) {
        result.stepNote = gain.ratio.ok()
                              ? QStringLiteral("%1 -> %2: gain undecided (ratio %3-%4)")
                                    .arg(a.label, b.label, QString::number(gain.ratio.lo, 'f', 3),
                                         QString::number(gain.ratio.hi, 'f', 3))
                              : QStringLiteral("%1 -> %2: gain undecided (%3)")
                                    .arg(a.label, b.label, QString::fromStdString(gain.note));
    }
    return false;
}

template <typename XOf>
double kneeOn(QList<Point> points, double threshold, const QList<double>& gaps, XOf xOf) {
    std::stable_sort(points.begin(), points.end(),
                     [&](const Point& a, const Point& b) { return xOf(a) < xOf(b); });
    for (qsizetype k = 0; k < points.size(); ++k) {
        const Point& p = points.at(k);
        if (p.tps < threshold)
            continue;
        if (k == 0)
            return xOf(p); // already there at the lightest load: nothing to interpolate
        const Point& q = points.at(k - 1); // q.tps < threshold <= p.tps
        const double low = std::min(q.load, p.load);
        const double high = std::max(q.load, p.load);
        for (double gap : gaps) {
            if (gap > low && gap < high)
                return xOf(p);
        }
        return xOf(q) + (threshold - q.tps) / (p.tps - q.tps) * (xOf(p) - xOf(q));
    }
    return PlateauResult::nan;
}

// The knee's range: the curve through the levels' upper bounds reaches the lowest plausible
// threshold first, the one through their lower bounds the highest last.
FigureInterval kneeRange(QList<Point> points, const FigureInterval& plateauCi,
                         const QList<double>& gaps) {
    FigureInterval range;
    for (const Point& p : std::as_const(points)) {
        if (!p.ci.ok())
            return range;
    }
    if (!plateauCi.ok())
        return range;
    const auto x = [](const Point& p) { return p.x; };
    QList<Point> upper = points;
    for (Point& p : upper)
        p.tps = p.ci.hi;
    QList<Point> lower = points;
    for (Point& p : lower)
        p.tps = p.ci.lo;
    const double lo = kneeOn(upper, kKneeShare * plateauCi.lo, gaps, x);
    const double hi = kneeOn(lower, kKneeShare * plateauCi.hi, gaps, x);
    if (std::isfinite(lo) && std::isfinite(hi) && lo <= hi) {
        range.lo = lo;
        range.hi = hi;
    }
    return range;
}
} // namespace

PlateauResult PlateauDetector::detect(const QList<LevelSummary>& levels, double gainThreshold) {
    PlateauResult result;
    QList<Point> points;
    QList<double> gaps; // loads of the levels left out
    bool allRate = true;
    for (const LevelSummary& l : levels) {
        // A level where every request failed, or that never held its target, says nothing
        // about the endpoint at the load it names (LevelSummary::conclusive).
        if (!l.conclusive()) {
            gaps.append(loadOf(l));
            continue;
        }
        // Rate levels have no concurrency of their own: what the endpoint held is the load.
        const double x = l.isRate ? l.achievedConcurrency : double(l.concurrency);
        if (!std::isfinite(x) || x <= 0)
            continue;
        allRate = allRate && l.isRate;
        points.append({l.index, loadOf(l), x, l.isRate ? l.rate : PlateauResult::nan,
                       l.headlineThroughput(), l.e2eMs.p50,
                       l.embeddings ? FigureInterval() : l.outputThroughputCi, l.label()});
    }
    if (points.isEmpty())
        return result;
    // By load: levels a refine search appended after the plan's are not in load order.
    std::stable_sort(points.begin(), points.end(),
                     [](const Point& a, const Point& b) { return a.x < b.x; });

    for (const Point& p : std::as_const(points)) {
        if (!(p.tps <= result.plateauTps)) { // first of equal maxima; NaN start compares false
            result.plateauTps = p.tps;
            result.plateauLevel = p.index;
            result.plateauTpsCi = p.ci;
        }
    }

    // For each level, compare with the nearest earlier level it loads >= 1.5x as much (the
    // previous level in a doubling sweep; further back in a fine-grained one). The sweep has
    // plateaued at the first such step that gained < gainThreshold while e2e p50 still rose.
    // The step must also sit at the top of the curve (one of its two levels >= 90% of the
    // best throughput): a flat step at light load followed by a big climb is noise, not the
    // endpoint's capacity.
    const double top = kKneeShare * result.plateauTps;
    for (qsizetype j = 1; j < points.size() && !result.plateaued; ++j) {
        const Point& b = points.at(j);
        for (qsizetype i = j - 1; i >= 0; --i) {
            const Point& a = points.at(i);
            if (b.x < kStepFactor * a.x)
                continue;
            const bool latencyRose = b.e2eP50 > a.e2eP50; // false when either is NaN
            // The gain is asked last, so that only steps that could be the plateau count as
            // undecided.
            if (latencyRose && std::max(a.tps, b.tps) >= top &&
                stepIsFlat(a, b, gainThreshold, result)) {
                result.plateaued = true;
                result.plateauFromLevel = a.index;
            }
            break;
        }
    }

    if (result.plateauTps > 0) {
        const double threshold = kKneeShare * result.plateauTps;
        result.kneeConcurrency =
            kneeOn(points, threshold, gaps, [](const Point& p) { return p.x; });
        result.kneeConcurrencyCi = kneeRange(points, result.plateauTpsCi, gaps);
        if (allRate)
            result.kneeRate =
                kneeOn(points, threshold, gaps, [](const Point& p) { return p.rate; });
    }
    return result;
}

bool PlateauDetector::stillRising(const QList<LevelSummary>& levels, const PlateauResult& result) {
    if (result.plateaued || result.plateauLevel < 0)
        return false;
    const LevelSummary* peak = nullptr;
    for (const LevelSummary& l : levels) {
        if (l.index == result.plateauLevel)
            peak = &l;
    }
    if (!peak)
        return false;
    for (const LevelSummary& l : levels) {
        if (loadOf(l) <= loadOf(*peak))
            continue;
        // A heavier level that measured something (less), or where every request failed,
        // is where the curve stopped rising. One that never held its target (too few
        // requests) says nothing either way.
        if (l.conclusive() || (l.requests > 0 && l.successes == 0))
            return false;
    }
    return true;
}
