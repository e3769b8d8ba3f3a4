#include "common/inputlimits.h"

#include <cmath>

namespace {
using Field = InputLimits::Field;
using Bound = InputLimits::Bound;

constexpr double kSecondsPerDay = 86400.0;
constexpr double kMaxStreams = 10000.0;

// The table. A switch rather than a container: the compiler checks every field has a row.
Bound boundOf(Field field) {
    switch (field) {
    case Field::ConcurrencyLevel:
        return {0, kMaxStreams, true, true,
                "each stream is a connection and a request held open; beyond this the client, "
                "not the endpoint, is what gets measured"};
    case Field::Rate:
        return {0, 100000, true, false, "requests per second"};
    case Field::LevelCount:
        return {1, 64, false, true, "a sweep with more levels is a typo, not a plan"};
    case Field::MaxConcurrency:
        return {0, kMaxStreams, false, true, "as for a concurrency level"};
    case Field::RequestsPerLevel:
        return {0, 1000000, false, true, "every request is kept in memory"};
    case Field::DurationPerLevelS:
        return {0, 7 * kSecondsPerDay, false, false, "7 days"};
    case Field::WarmupRequests:
        return {0, 100000, false, true, ""};
    case Field::InputTokens:
        return {0, 1000000, true, true, "longer than any model's context"};
    case Field::OutputTokens:
        return {0, 1000000, true, true, "longer than any model writes"};
    case Field::TimeoutS:
        return {0, kSecondsPerDay, true, false, "1 day"};
    case Field::ClientThreads:
        return {0, 64, true, true,
                "each network thread carries thousands of streams; more threads only add "
                "contention"};
    case Field::Burstiness:
        return {0, 1000, true, false, ""};
    case Field::MaxErrorRate:
    case Field::PlateauGain:
        return {0, 1, false, false, ""};
    case Field::BudgetMs:
        return {0, 7 * kSecondsPerDay * 1000, true, false, "7 days"};
    case Field::BudgetLimits:
        return {0, 100, false, true, ""};
    case Field::Endpoints:
        return {0, 1000, false, true, ""};
    case Field::Headers:
        return {0, 100, false, true, "extra headers per endpoint"};
    case Field::HeaderNameChars:
        return {0, 256, true, true, "characters"};
    case Field::HeaderValueChars:
        return {0, 8192, false, true, "characters; servers refuse longer header lines"};
    case Field::UrlChars:
        return {0, 8192, true, true, "characters; servers refuse longer request lines"};
    case Field::ModelChars:
        return {0, 1024, false, true, "characters"};
    case Field::BatchSize:
        return {1, 2048, false, true,
                "inputs per request; OpenAI's embeddings API takes at most 2048"};
    case Field::BatchSizes:
        return {1, 16, false, true, "each batch size runs every level of the plan once more"};
    }
    return {0, 0, false, false, ""};
}

QString number(double value) {
    return QString::number(value, 'g', 15);
}
} // namespace

InputLimits::Bound InputLimits::bound(Field field) {
    return boundOf(field);
}

QString InputLimits::check(Field field, double value) {
    const Bound b = boundOf(field);
    if (!std::isfinite(value))
        return QStringLiteral("is not a number");
    if (b.whole && value != std::floor(value))
        return QStringLiteral("must be a whole number");
    const QString why = QString::fromUtf8(b.why);
    const QString because = why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why);
    // A fraction such as an error rate reads best as its range, a count as its limit.
    const bool range = !b.whole && !b.minExclusive && b.min != 0;
    if (b.minExclusive ? !(value > b.min) : value < b.min) {
        if (b.minExclusive)
            return QStringLiteral("must be greater than %1").arg(number(b.min));
        if (b.min == 0)
            return QStringLiteral("must not be negative");
        return range ? QStringLiteral("must be between %1 and %2").arg(number(b.min), number(b.max))
                     : QStringLiteral("must be at least %1").arg(number(b.min));
    }
    if (value > b.max) {
        if (!b.whole && !b.minExclusive)
            return QStringLiteral("must be between %1 and %2").arg(number(b.min), number(b.max)) +
                   because;
        return QStringLiteral("must be at most %1").arg(number(b.max)) + because;
    }
    return QString();
}

std::optional<double> InputLimits::parse(Field field, const QString& text, QString* reason) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    const QString why = ok ? check(field, value) : QStringLiteral("is not a number");
    if (!why.isEmpty()) {
        if (reason)
            *reason = why;
        return std::nullopt;
    }
    return value;
}

std::optional<quint64> InputLimits::parseSeed(const QString& text, QString* reason) {
    const QString trimmed = text.trimmed();
    bool ok = false;
    const quint64 value = trimmed.toULongLong(&ok);
    if (ok)
        return value;
    static const QString digits = QStringLiteral("0123456789");
    const bool negative = trimmed.startsWith(QLatin1Char('-'));
    bool allDigits = !trimmed.isEmpty();
    for (QChar c : negative ? trimmed.mid(1) : trimmed)
        allDigits = allDigits && digits.contains(c);
    if (reason)
        *reason = !allDigits ? QStringLiteral("is not a whole number")
                  : negative ? QStringLiteral("must be 0 or more (0 draws a fresh seed)")
                             : QStringLiteral("is too large (at most 18446744073709551615)");
    return std::nullopt;
}
