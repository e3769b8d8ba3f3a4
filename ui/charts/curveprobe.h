#pragma once

#include <QList>
#include <QPointF>

#include <optional>

// The load a place between two measured points of a run's curve stands for ("Measure c=24
// here", issue 13): on the throughput-latency chart the curve runs through the levels in load
// order, so a position on the segment between c=16 and c=32 at 40% of its length reads as
// c=22. The inverse of KneeMarker::locate.
class CurveProbe {
public:
    // `points` (chart positions) and `loads` (ascending) are parallel. The load on the segment
    // nearest `pos`, if within `maxDistance` of it, at the same fraction of the way; rounded
    // to a whole concurrency when `integral`. None off the curve, or when the load rounds to
    // one of the segment's ends (it is measured already).
    static std::optional<double> loadAt(const QList<QPointF>& points, const QList<double>& loads,
                                        const QPointF& pos, bool integral,
                                        double maxDistance = 14.0);
};
