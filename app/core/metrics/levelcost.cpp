#include "metrics/levelcost.h"

#include "metrics/levelsummary.h"

#include <cmath>

namespace {
constexpr double kSecondsPerHour = 3600.0;
constexpr double kMillion = 1e6;
constexpr double kThousand = 1e3;

bool positive(double value) {
    return std::isfinite(value) && value > 0;
}
} // namespace

bool LevelCost::isValid() const {
    return std::isfinite(perMillionOutputTokens) || std::isfinite(perThousandRequests);
}

QJsonObject LevelCost::toJson() const {
    const auto figure = [](double value) {
        return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
    };
    return {{QStringLiteral("per_million_output_tokens"), figure(perMillionOutputTokens)},
            {QStringLiteral("per_thousand_requests"), figure(perThousandRequests)},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("basis"),
             perHour ? QStringLiteral("per_hour") : QStringLiteral("per_token")}};
}

LevelCost LevelCost::of(const EndpointPrice& price, const LevelSummary& level) {
    LevelCost cost;
    if (!price.isSet())
        return cost;
    cost.currency = price.currency;
    cost.perHour = price.isPerHour();
    if (price.isPerHour()) {
        if (positive(level.outputThroughputTps))
            cost.perMillionOutputTokens =
                price.perHour / (level.outputThroughputTps * kSecondsPerHour) * kMillion;
        if (positive(level.requestThroughputRps))
            cost.perThousandRequests =
                price.perHour / (level.requestThroughputRps * kSecondsPerHour) * kThousand;
        return cost;
    }
    const double total = (double(level.inputTokens) * price.inputPerMtok +
                          double(level.outputTokens) * price.outputPerMtok) /
                         kMillion;
    if (level.outputTokens > 0)
        cost.perMillionOutputTokens = total / (double(level.outputTokens) / kMillion);
    if (level.successes > 0)
        cost.perThousandRequests = total / level.successes * kThousand;
    return cost;
}

double LevelCost::ofRequest(const EndpointPrice& price, int inputTokens, int outputTokens) {
    if (!price.isSet() || price.isPerHour())
        return nan;
    return (double(inputTokens) * price.inputPerMtok + double(outputTokens) * price.outputPerMtok) /
           kMillion;
}

QString LevelCost::money(double amount, const QString& currency) {
    if (!std::isfinite(amount))
        return QString();
    int decimals = 2;
    if (amount > 0 && amount < 1) // two significant digits: $0.0031, not $0.00
        decimals = std::min(8, 1 - int(std::floor(std::log10(amount))));
    const QString number = QString::number(amount, 'f', decimals);
    if (currency == QLatin1String("USD"))
        return u'$' + number;
    if (currency == QLatin1String("EUR"))
        return QString(QChar(0x20AC)) + number;
    if (currency == QLatin1String("GBP"))
        return QString(QChar(0x00A3)) + number;
    return number + u' ' + currency;
}
