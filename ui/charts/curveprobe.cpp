#include "charts/curveprobe.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>

std::optional<double> CurveProbe::loadAt(const QList<QPointF>& points, const QList<double>& loads,
                                         const QPointF& pos, bool integral, double maxDistance) {
    double bestDistance = std::numeric_limits<double>::infinity();
    std::optional<double> best;
    for (qsizetype i = 1; i < points.size() && i < loads.size(); ++i) {
        const QPointF a = points.at(i - 1);
        const QPointF d = points.at(i) - a;
        const double lengthSquared = QPointF::dotProduct(d, d);
        if (!(lengthSquared > 0.0))
            continue;
        // The fraction of the way along the segment of pos's projection on it.
        const double t = std::clamp(QPointF::dotProduct(pos - a, d) / lengthSquared, 0.0, 1.0);
        const double distance = QLineF(a + t * d, pos).length();
        if (distance > maxDistance || distance >= bestDistance)
            continue;
        double load = loads.at(i - 1) + t * (loads.at(i) - loads.at(i - 1));
        if (integral)
            load = std::round(load);
        bestDistance = distance;
        const bool measured =
            std::fabs(load - loads.at(i - 1)) < 1e-9 || std::fabs(load - loads.at(i)) < 1e-9;
        best = measured ? std::nullopt : std::optional<double>(load);
    }
    return best;
}
