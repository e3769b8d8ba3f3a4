#include "charts/niceaxis.h"

#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

NiceAxis::Range NiceAxis::nice(double min, double max, int ticks) {
    if (!std::isfinite(min) || !std::isfinite(max) || max <= min) {
        const double base = std::isfinite(min) ? min : 0.0;
        max = base + 1.0;
        min = base;
    }
    const double raw = (max - min) / std::max(1, ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10.0 * magnitude;
    for (double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (factor * magnitude >= raw) {
            step = factor * magnitude;
            break;
        }
    }
    Range range;
    range.step = step;
    range.min = std::floor(min / step) * step;
    range.max = std::ceil(max / step - 1e-9) * step;
    if (range.max <= range.min)
        range.max = range.min + step;
    return range;
}

void NiceAxis::apply(QValueAxis* axis, double min, double max, int ticks) {
    const Range range = nice(min, max, ticks);
    // Decimals only when the step needs them (2.5, 0.5, ...).
    int decimals = 0;
    for (double step = range.step; decimals < 4 && std::fabs(step - std::round(step)) > 1e-9;
         step *= 10.0)
        ++decimals;
    const QString format = u"%."_s + QString::number(decimals) + u"f"_s;
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    if (axis->tickInterval() != range.step)
        axis->setTickInterval(range.step);
    if (axis->min() != range.min || axis->max() != range.max)
        axis->setRange(range.min, range.max);
}

void NiceAxis::applyLog2(QLogValueAxis* axis, double min, double max, bool integral) {
    // "%g" leaves a log axis without labels in Qt 6.4 charts (seen on export), so the
    // label format is a fixed-point one.
    const QString format = integral || min >= 8.0 ? u"%.0f"_s : u"%.2f"_s;
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
    if (!(min > 0.0) || !std::isfinite(min))
        min = 1.0;
    if (!(max >= min) || !std::isfinite(max))
        max = min;
    double low = std::exp2(std::floor(std::log2(min)));
    double high = std::exp2(std::ceil(std::log2(max)));
    // A point exactly on a power of two would sit on the frame; give it half a step.
    if (low >= min)
        low /= std::sqrt(2.0);
    if (high <= max)
        high *= std::sqrt(2.0);
    if (axis->min() != low || axis->max() != high)
        axis->setRange(low, high);
}
