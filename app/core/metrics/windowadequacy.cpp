#include "metrics/windowadequacy.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString msText(double ms) {
    return QString::number(ms, 'g', ms < 1000 ? 3 : 6) + u" ms"_s;
}
} // namespace

double WindowAdequacy::eventPeriodMs(const LevelSummary& level) {
    if (std::isfinite(level.itlMs.mean) && level.itlMs.mean > 0)
        return level.itlMs.mean;
    if (std::isfinite(level.e2eMs.mean) && level.e2eMs.mean > 0)
        return level.e2eMs.mean;
    return LevelSummary::nan;
}

QString WindowAdequacy::shortfall(double windowSeconds, const LevelSummary& level) {
    if (!(windowSeconds > 0))
        return u"no steady window"_s;
    const double period = eventPeriodMs(level);
    if (!std::isfinite(period))
        return {};
    const double needMs = kMinEventPeriods * period;
    const double windowMs = windowSeconds * 1e3;
    // A hair of tolerance: a window of exactly 10 gaps, computed from ns, must not fail by
    // the last bit of a division.
    if (windowMs >= needMs * (1.0 - 1e-9))
        return {};
    return u"steady window %1 is shorter than %2 inter-token gaps (%3)"_s.arg(msText(windowMs))
        .arg(kMinEventPeriods)
        .arg(msText(needMs));
}
