#pragma once

#include "profile/endpointprice.h"

#include <QJsonObject>
#include <QString>

// The endpoint's optional "price" object:
//   {"per_hour": 12.5, "currency": "USD"}  or
//   {"input_per_mtok": 0.5, "output_per_mtok": 1.5, "currency": "EUR"}
// One kind or the other, each number bounded; written only when a price is set.
class PriceJson {
public:
    static QJsonObject toJson(const EndpointPrice& price);
    // path: where the object sits ("endpoints[0].price"), for messages.
    static bool fromJson(const QJsonObject& object, const QString& path, EndpointPrice* price,
                         QString* error);
    // Empty if fine, else why ("must be a three-letter code such as USD or EUR").
    static QString currencyProblem(const QString& currency);
    // Empty if fine, else the first problem as {field suffix, message} (validator, CLI).
    static QString problem(const EndpointPrice& price, QString* field);
};
