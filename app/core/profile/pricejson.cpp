#include "profile/pricejson.h"

#include "profile/jsonfieldreader.h"

#include <algorithm>
#include <cmath>

namespace {
const QString kPerHour = QStringLiteral("per_hour");
const QString kInput = QStringLiteral("input_per_mtok");
const QString kOutput = QStringLiteral("output_per_mtok");
const QString kCurrency = QStringLiteral("currency");

bool within(double value, double max) {
    return std::isfinite(value) && value >= 0 && value <= max;
}
} // namespace

QJsonObject PriceJson::toJson(const EndpointPrice& price) {
    QJsonObject object{{kCurrency, price.currency}};
    if (price.isPerHour()) {
        object.insert(kPerHour, price.perHour);
    } else {
        object.insert(kInput, price.inputPerMtok);
        object.insert(kOutput, price.outputPerMtok);
    }
    return object;
}

bool PriceJson::fromJson(const QJsonObject& object, const QString& path, EndpointPrice* price,
                         QString* error) {
    EndpointPrice parsed;
    JsonFieldReader reader(object, path, error);
    reader.readDouble(kPerHour, &parsed.perHour, 0, EndpointPrice::kMaxPerHour);
    reader.readDouble(kInput, &parsed.inputPerMtok, 0, EndpointPrice::kMaxPerMtok);
    reader.readDouble(kOutput, &parsed.outputPerMtok, 0, EndpointPrice::kMaxPerMtok);
    reader.readString(kCurrency, &parsed.currency);
    if (!reader.finish())
        return false;
    QString field;
    const QString why = problem(parsed, &field);
    if (!why.isEmpty()) {
        *error = QStringLiteral("field '%1.%2' %3").arg(path, field, why);
        return false;
    }
    *price = parsed;
    return true;
}

QString PriceJson::currencyProblem(const QString& currency) {
    if (currency.size() != 3 || currency.toUpper() != currency ||
        !std::all_of(currency.cbegin(), currency.cend(), [](QChar c) { return c.isLetter(); }))
        return QStringLiteral("must be a three-letter currency code such as USD or EUR");
    return QString();
}

QString PriceJson::problem(const EndpointPrice& price, QString* field) {
    if (!within(price.perHour, EndpointPrice::kMaxPerHour)) {
        *field = kPerHour;
        return QStringLiteral("must be between 0 and %1")
            .arg(EndpointPrice::kMaxPerHour, 0, 'f', 0);
    }
    for (const auto& [name, value] :
         {std::pair{kInput, price.inputPerMtok}, std::pair{kOutput, price.outputPerMtok}})
        if (!within(value, EndpointPrice::kMaxPerMtok)) {
            *field = name;
            return QStringLiteral("must be between 0 and %1")
                .arg(EndpointPrice::kMaxPerMtok, 0, 'f', 0);
        }
    if (price.perHour > 0 && (price.inputPerMtok > 0 || price.outputPerMtok > 0)) {
        *field = kPerHour;
        return QStringLiteral("and a per-token price are both set; an endpoint is priced per "
                              "hour or per token, not both");
    }
    *field = kCurrency;
    return currencyProblem(price.currency);
}
