#include "results/betweenrunfigure.h"

#include "stats/meaninterval.h"

#include <cmath>
#include <vector>

BetweenRunFigure BetweenRunFigure::of(const QList<double>& perRun) {
    std::vector<double> values;
    for (double v : perRun) {
        if (std::isfinite(v))
            values.push_back(v);
    }
    BetweenRunFigure figure;
    figure.runs = int(values.size());
    if (values.empty())
        return figure;
    // Each run's value is one observation: the runs are independent, their levels are not
    // (which is why the within-run intervals need batch means and these do not).
    const Interval interval = MeanInterval::studentT(values, 0.95);
    figure.mean = interval.estimate;
    figure.ci = FigureInterval::from(interval);
    return figure;
}

QJsonObject BetweenRunFigure::toJson() const {
    return {{QStringLiteral("mean"), std::isfinite(mean) ? QJsonValue(mean) : QJsonValue()},
            {QStringLiteral("ci95"), ci.toJson()}};
}

BetweenRunFigure BetweenRunFigure::fromJson(const QJsonObject& object, int runs) {
    BetweenRunFigure figure;
    const QJsonValue mean = object.value(QStringLiteral("mean"));
    if (!mean.isDouble() || !std::isfinite(mean.toDouble()))
        return figure;
    figure.runs = runs;
    figure.mean = mean.toDouble();
    figure.ci = FigureInterval::fromJson(object.value(QStringLiteral("ci95")));
    if (figure.ci.ok() && runs >= 2)
        figure.ci.degreesOfFreedom = runs - 1;
    return figure;
}
