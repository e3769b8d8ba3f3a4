#include "cli/numberformat.h"

#include "common/significantfigures.h"

#include <QLocale>
#include <cmath>

namespace {
QLocale locale() {
    // Fixed English grouping: output is parsed by scripts and must not change with LANG.
    QLocale l(QLocale::English, QLocale::UnitedStates);
    return l;
}
} // namespace

namespace NumberFormat {
QString count(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("-");
    return locale().toString(qint64(std::llround(value)));
}

QString ms(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("-");
    if (std::fabs(value) < 10.0)
        return QString::number(value, 'f', 1);
    return count(value);
}

QString approx(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("-");
    return QStringLiteral("~") + count(SignificantFigures::round(value, 2));
}

QString decimal(double value, int decimals) {
    if (!std::isfinite(value))
        return QStringLiteral("-");
    return QString::number(value, 'f', decimals);
}

QString duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("?");
    const qint64 s = qint64(std::llround(seconds));
    const qint64 h = s / 3600;
    const QString mmss =
        QStringLiteral("%1:%2").arg((s / 60) % 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (h > 0)
        return QStringLiteral("%1:%2").arg(h).arg(mmss.rightJustified(5, QLatin1Char('0')));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace NumberFormat
