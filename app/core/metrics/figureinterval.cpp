#include "metrics/figureinterval.h"

#include "stats/interval.h"
#include "stats/meaninterval.h"

#include <QJsonArray>
#include <cmath>

bool FigureInterval::ok() const {
    return std::isfinite(lo) && std::isfinite(hi) && lo <= hi;
}

double FigureInterval::halfWidth() const {
    return ok() ? (hi - lo) / 2.0 : nan;
}

FigureInterval FigureInterval::from(const Interval& interval, double centre) {
    FigureInterval f;
    if (!interval.ok()) {
        f.note = QString::fromStdString(interval.note);
        return f;
    }
    f.degreesOfFreedom = interval.degreesOfFreedom;
    if (std::isfinite(centre) && interval.hasStandardError()) {
        f.lo = centre - interval.halfWidth;
        f.hi = centre + interval.halfWidth;
    } else {
        f.lo = interval.lo;
        f.hi = interval.hi;
    }
    return f;
}

Interval FigureInterval::toStudentT(double estimate) const {
    if (!ok() || !(degreesOfFreedom > 0.0)) {
        Interval none;
        none.estimate = estimate;
        none.note = "no t-based interval stored";
        return none;
    }
    return MeanInterval::fromHalfWidth(estimate, halfWidth(), degreesOfFreedom, 0.95,
                                       "batch_means");
}

QJsonValue FigureInterval::toJson() const {
    if (!ok())
        return QJsonValue();
    return QJsonArray{lo, hi};
}

FigureInterval FigureInterval::fromJson(const QJsonValue& value) {
    FigureInterval f;
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
        return f;
    const double lo = pair.at(0).toDouble();
    const double hi = pair.at(1).toDouble();
    if (std::isfinite(lo) && std::isfinite(hi) && lo <= hi) {
        f.lo = lo;
        f.hi = hi;
    }
    return f;
}
