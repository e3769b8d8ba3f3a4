#include "charts/kneemarker.h"

#include <cmath>

QList<QPointF> KneeMarker::locate(const QList<double>& loads, const QList<QPointF>& points,
                                  double knee) {
    if (!std::isfinite(knee) || loads.size() != points.size())
        return {};
    for (qsizetype i = 0; i < loads.size(); ++i) {
        if (std::fabs(loads.at(i) - knee) < 1e-9)
            return {points.at(i)};
        if (i + 1 < loads.size() && loads.at(i) < knee && knee < loads.at(i + 1)) {
            const double t = (knee - loads.at(i)) / (loads.at(i + 1) - loads.at(i));
            const QPointF a = points.at(i);
            const QPointF b = points.at(i + 1);
            return {a + (b - a) * t};
        }
    }
    return {};
}
