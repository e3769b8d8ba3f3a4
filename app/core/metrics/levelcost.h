#pragma once

#include "profile/endpointprice.h"

#include <QJsonObject>
#include <QString>
#include <limits>

struct LevelSummary;

// What a level's requests cost at the price of the endpoint (issue 14; METRICS.md, "Cost").
//   per hour:  the hour's cost spread over what the level produced in an hour at its
//              measured steady throughput: per million output tokens
//              = price_per_hour / (output tokens/s x 3600) x 10^6, and per 1,000 requests
//              = price_per_hour / (requests/s x 3600) x 1,000. A level that uses the
//              endpoint better costs less per token.
//   per token: the level's actual token mix: per million output tokens
//              = (input tokens x input price + output tokens x output price) / output tokens,
//              and per 1,000 requests = that total / 10^6 / successful requests x 1,000.
//              Throughput does not change it; long prompts do.
// NaN (not shown) without a price or without the figures it needs.
struct LevelCost {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    double perMillionOutputTokens = nan;
    double perThousandRequests = nan;
    QString currency;
    bool perHour = false; // the basis: the hour's price, or the tokens' prices

    bool isValid() const;
    // {"per_million_output_tokens", "per_thousand_requests", "currency", "basis":
    // "per_hour" | "per_token"}; an undefined figure is null.
    QJsonObject toJson() const;
    static LevelCost of(const EndpointPrice& price, const LevelSummary& level);
    // One request's cost at a per-token price: (input x input price + output x output
    // price) / 10^6. NaN at a per-hour price (an hour is not one request's: METRICS.md) or
    // without a price.
    static double ofRequest(const EndpointPrice& price, int inputTokens, int outputTokens);
    // "$0.91", "€12.40", "0.0031 CHF": two decimals from 1 up, else two significant digits.
    static QString money(double amount, const QString& currency);
};
