#pragma once

#include <QString>

// What an endpoint costs (issue 14), optional: per hour (provisioned throughput, e.g. a
// Databricks endpoint) or per million input and output tokens (pay-per-token). Per level
// this becomes a cost per million output tokens and per 1,000 requests (metrics/levelcost.h).
struct EndpointPrice {
    // Generous bounds that still catch a typo (a price in cents, a missing decimal point).
    static constexpr double kMaxPerHour = 1e6;
    static constexpr double kMaxPerMtok = 1e5;

    double perHour = 0.0;                     // > 0: provisioned, the endpoint's cost per hour
    double inputPerMtok = 0.0;                // pay-per-token: per million input tokens
    double outputPerMtok = 0.0;               // and per million output tokens
    QString currency = QStringLiteral("USD"); // ISO 4217 code

    bool isSet() const { return perHour > 0 || inputPerMtok > 0 || outputPerMtok > 0; }
    bool isPerHour() const { return perHour > 0; }

    bool operator==(const EndpointPrice&) const = default;
};
