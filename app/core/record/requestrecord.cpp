#include "record/requestrecord.h"

#include <cmath>
#include <limits>

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double spanMs(qint64 from, qint64 to) {
    if (from < 0 || to < 0)
        return kNaN;
    return double(to - from) / 1e6;
}
} // namespace

QString tokenSourceName(TokenSource source) {
    switch (source) {
    case TokenSource::Usage:
        return QStringLiteral("usage");
    case TokenSource::Events:
        return QStringLiteral("events");
    case TokenSource::Estimate:
        return QStringLiteral("estimate");
    case TokenSource::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

TokenSource tokenSourceFromName(const QString& name) {
    if (name == QLatin1String("usage"))
        return TokenSource::Usage;
    if (name == QLatin1String("events"))
        return TokenSource::Events;
    if (name == QLatin1String("estimate"))
        return TokenSource::Estimate;
    return TokenSource::Unknown;
}

QStringList ErrorClass::all() {
    return {Http429, Http4xx, Http5xx,          Connect,   Tls,
            Timeout, Reset,   StreamErrorEvent, BadStream, Cancelled};
}

double RequestRecord::queueMs() const {
    return spanMs(tSchedNs, tSendNs);
}
double RequestRecord::ttfbMs() const {
    return spanMs(tSendNs, tHeadersNs);
}
double RequestRecord::ttftMs() const {
    return spanMs(tSendNs, tFirstContentNs);
}
double RequestRecord::ttfeMs() const {
    return spanMs(tSendNs, tFirstEventNs);
}
double RequestRecord::e2eMs() const {
    return spanMs(tSendNs, tLastContentNs);
}

double RequestRecord::tpotMs() const {
    if (outputTokens <= 1 || tFirstContentNs < 0 || tLastContentNs < 0)
        return kNaN;
    return double(tLastContentNs - tFirstContentNs) / 1e6 / double(outputTokens - 1);
}

QList<double> RequestRecord::itlMs() const {
    QList<double> gaps;
    if (contentEventNs.size() < 2)
        return gaps;
    gaps.reserve(contentEventNs.size() - 1);
    for (qsizetype i = 1; i < contentEventNs.size(); ++i)
        gaps.append(double(contentEventNs[i] - contentEventNs[i - 1]) / 1e6);
    return gaps;
}

bool RequestRecord::endedEarly() const {
    return ok() && requestedOutputTokens > 0 && outputTokensSource != TokenSource::Unknown &&
           outputTokens < requestedOutputTokens;
}
