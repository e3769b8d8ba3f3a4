#include "listspec.h"

#include <QStringList>

namespace {
constexpr int kMaxLevels = 64; // a sweep with more levels than this is a typo, not a plan

bool parsePositive(const QString& text, double* value) {
    bool ok = false;
    *value = text.trimmed().toDouble(&ok);
    return ok && *value > 0.0 && *value < 1e9;
}
} // namespace

std::optional<QList<int>> ListSpec::parseConcurrencies(const QString& text, QString* error) {
    QList<int> values;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const int dots = int(part.indexOf(QStringLiteral("..")));
        if (dots >= 0) {
            bool okA = false;
            bool okB = false;
            const int from = part.left(dots).trimmed().toInt(&okA);
            const int to = part.mid(dots + 2).trimmed().toInt(&okB);
            if (!okA || !okB || from < 1 || to < from) {
                *error = QStringLiteral("--concurrency: bad range \"%1\" (use e.g. 1..256)")
                             .arg(part.trimmed());
                return std::nullopt;
            }
            for (qint64 c = from; c < to && values.size() <= kMaxLevels; c *= 2)
                values.append(int(c));
            values.append(to);
            continue;
        }
        bool ok = false;
        const int value = part.trimmed().toInt(&ok);
        if (!ok || value < 1) {
            *error = QStringLiteral("--concurrency: \"%1\" is not a whole number >= 1")
                         .arg(part.trimmed());
            return std::nullopt;
        }
        values.append(value);
    }
    if (values.isEmpty() || values.size() > kMaxLevels) {
        *error = values.isEmpty()
                     ? QStringLiteral("--concurrency: no levels given")
                     : QStringLiteral("--concurrency: more than %1 levels").arg(kMaxLevels);
        return std::nullopt;
    }
    return values;
}

std::optional<QList<double>> ListSpec::parseRates(const QString& text, QString* error) {
    QList<double> values;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        double value = 0.0;
        if (!parsePositive(part, &value)) {
            *error =
                QStringLiteral("--rate: \"%1\" is not a request rate above 0").arg(part.trimmed());
            return std::nullopt;
        }
        values.append(value);
    }
    if (values.isEmpty() || values.size() > kMaxLevels) {
        *error = values.isEmpty() ? QStringLiteral("--rate: no levels given")
                                  : QStringLiteral("--rate: more than %1 levels").arg(kMaxLevels);
        return std::nullopt;
    }
    return values;
}
