#include "cli/listspec.h"

#include "common/inputlimits.h"

#include <QStringList>

namespace {
using Limit = InputLimits::Field;

// The items of a comma-separated list, trimmed; false (with the message) when one is empty:
// "1,,2" or "1,2," is a slip of the keyboard, not two levels.
bool splitItems(const QString& flag, const QString& text, QStringList* items, QString* error) {
    *items = text.split(QLatin1Char(','));
    for (QString& item : *items) {
        item = item.trimmed();
        if (item.isEmpty()) {
            *error = text.trimmed().isEmpty()
                         ? QStringLiteral("%1: no levels given").arg(flag)
                         : QStringLiteral("%1: empty item in \"%2\" (two commas in a row, or one "
                                          "at an end?)")
                               .arg(flag, text.trimmed());
            return false;
        }
    }
    return true;
}

bool readItem(const QString& flag, Limit limit, const QString& item, double* value,
              QString* error) {
    QString why;
    const std::optional<double> v = InputLimits::parse(limit, item, &why);
    if (!v) {
        *error = QStringLiteral("%1: \"%2\" %3").arg(flag, item, why);
        return false;
    }
    *value = *v;
    return true;
}

bool checkCount(const QString& flag, qsizetype count, QString* error) {
    const QString why = InputLimits::check(Limit::LevelCount, double(count));
    if (why.isEmpty())
        return true;
    *error = QStringLiteral("%1: %2 levels; the number of levels %3").arg(flag).arg(count).arg(why);
    return false;
}

// "1..256": 1, 2, 4, ... 256 (the end is kept even when it is not on the doubling).
bool expandRange(const QString& flag, const QString& item, qsizetype dots, QList<int>* values,
                 QString* error) {
    double from = 0;
    double to = 0;
    if (!readItem(flag, Limit::ConcurrencyLevel, item.left(dots), &from, error) ||
        !readItem(flag, Limit::ConcurrencyLevel, item.mid(dots + 2), &to, error))
        return false;
    if (to < from) {
        *error = QStringLiteral("%1: bad range \"%2\" (use e.g. 1..256)").arg(flag, item);
        return false;
    }
    // Bounded by the level limit: a range never grows past what checkCount() accepts.
    const double maxLevels = InputLimits::bound(Limit::LevelCount).max;
    for (double c = from; c < to && double(values->size()) <= maxLevels; c *= 2)
        values->append(int(c));
    values->append(int(to));
    return true;
}
} // namespace

std::optional<QList<int>> ListSpec::parseConcurrencies(const QString& text, QString* error) {
    const QString flag = QStringLiteral("--concurrency");
    QStringList items;
    if (!splitItems(flag, text, &items, error))
        return std::nullopt;
    QList<int> values;
    for (const QString& item : std::as_const(items)) {
        const qsizetype dots = item.indexOf(QStringLiteral(".."));
        if (dots >= 0) {
            if (!expandRange(flag, item, dots, &values, error))
                return std::nullopt;
        } else {
            double value = 0;
            if (!readItem(flag, Limit::ConcurrencyLevel, item, &value, error))
                return std::nullopt;
            values.append(int(value));
        }
        if (!checkCount(flag, values.size(), error))
            return std::nullopt;
    }
    return values;
}

std::optional<QList<double>> ListSpec::parseRates(const QString& text, QString* error) {
    const QString flag = QStringLiteral("--rate");
    QStringList items;
    if (!splitItems(flag, text, &items, error) || !checkCount(flag, items.size(), error))
        return std::nullopt;
    QList<double> values;
    for (const QString& item : std::as_const(items)) {
        double value = 0;
        if (!readItem(flag, Limit::Rate, item, &value, error))
            return std::nullopt;
        values.append(value);
    }
    return values;
}

std::optional<QList<int>> ListSpec::parseBatchSizes(const QString& text, QString* error) {
    const QString flag = QStringLiteral("--batch-size");
    QStringList items;
    if (!splitItems(flag, text, &items, error))
        return std::nullopt;
    if (const QString why = InputLimits::check(Limit::BatchSizes, double(items.size()));
        !why.isEmpty()) {
        *error = QStringLiteral("%1: %2 batch sizes; the number of batch sizes %3")
                     .arg(flag)
                     .arg(items.size())
                     .arg(why);
        return std::nullopt;
    }
    QList<int> values;
    for (const QString& item : std::as_const(items)) {
        double value = 0;
        if (!readItem(flag, Limit::BatchSize, item, &value, error))
            return std::nullopt;
        values.append(int(value));
    }
    return values;
}
