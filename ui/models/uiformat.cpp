#include "models/uiformat.h"

#include "common/significantfigures.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

QString UiFormat::dash() {
    return u"—"_s;
}

QString UiFormat::number(double value, int significant) {
    if (!std::isfinite(value))
        return dash();
    if (value == 0.0)
        return u"0"_s;
    const int magnitude = int(std::floor(std::log10(std::fabs(value))));
    const int decimals = std::max(0, significant - 1 - magnitude);
    if (decimals == 0) {
        // Round to the significant digits, then print as an integer with grouping.
        return QLocale().toString(
            qint64(std::llround(SignificantFigures::round(value, significant))));
    }
    QString text = QLocale().toString(value, 'f', decimals);
    // Trailing zeros say nothing here ("4.20 ms"); drop them and a dangling separator.
    const QChar point = QLocale().decimalPoint().at(0);
    if (text.contains(point)) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    return text;
}

QString UiFormat::integer(qint64 value) {
    return QLocale().toString(value);
}

QString UiFormat::tps(double tokensPerSecond) {
    return number(tokensPerSecond, 3) % u" tok/s"_s;
}

QString UiFormat::ms(double milliseconds) {
    if (!std::isfinite(milliseconds))
        return dash();
    if (std::fabs(milliseconds) >= 10000.0)
        return number(milliseconds / 1000.0, 3) % u" s"_s;
    return msValue(milliseconds) % u" ms"_s;
}

QString UiFormat::msValue(double milliseconds) {
    if (!std::isfinite(milliseconds))
        return dash();
    if (std::fabs(milliseconds) >= 100.0)
        return QLocale().toString(qint64(std::llround(milliseconds)));
    return number(milliseconds, 2 + (std::fabs(milliseconds) >= 10.0 ? 1 : 0));
}

QString UiFormat::percent(double fraction) {
    if (!std::isfinite(fraction))
        return dash();
    return number(fraction * 100.0, 2) % u'%';
}
