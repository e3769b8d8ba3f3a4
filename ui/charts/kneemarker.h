#pragma once

#include <QList>
#include <QPointF>

// Where the knee goes on the throughput-latency curve. The knee is a concurrency (or
// rate) interpolated between levels, so its marker sits on the segment between the two
// levels around it, at the same fraction of the way: on the curve, not off it.
class KneeMarker {
public:
    // `loads` (ascending concurrency or rate) and `points` (chart positions) are parallel.
    // Empty when the knee lies outside the measured levels.
    static QList<QPointF> locate(const QList<double>& loads, const QList<QPointF>& points,
                                 double knee);
};
