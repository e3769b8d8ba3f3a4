#include "servermetrics/scraperconfig.h"

#include <algorithm>

bool ScraperConfig::validate(QString* error) const {
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        *error = QStringLiteral("the metrics URL must be an http:// or https:// URL with a host");
        return false;
    }
    if (intervalMs < kMinIntervalMs || intervalMs > kMaxIntervalMs) {
        *error = QStringLiteral("the scrape interval must be %1 to %2 ms")
                     .arg(kMinIntervalMs)
                     .arg(kMaxIntervalMs);
        return false;
    }
    if (timeoutMs != 0 && (timeoutMs < kMinTimeoutMs || timeoutMs >= intervalMs)) {
        *error = QStringLiteral("the scrape timeout must be %1 ms or more and below the interval")
                     .arg(kMinTimeoutMs);
        return false;
    }
    if (maxBytes < 1024 || maxBytes > kMaxMaxBytes) {
        *error = QStringLiteral("the metrics size cap must be 1 KiB to %1 MiB")
                     .arg(kMaxMaxBytes / (1024 * 1024));
        return false;
    }
    if (extraNames.size() > kMaxExtraNames) {
        *error = QStringLiteral("at most %1 extra metric names").arg(kMaxExtraNames);
        return false;
    }
    if (authorization.contains('\r') || authorization.contains('\n')) {
        *error = QStringLiteral("the metrics key contains a line break");
        return false;
    }
    return true;
}

ScraperConfig ScraperConfig::clamped() const {
    ScraperConfig c = *this;
    c.intervalMs = std::clamp(intervalMs, kMinIntervalMs, kMaxIntervalMs);
    if (c.timeoutMs != 0)
        c.timeoutMs = std::clamp(timeoutMs, kMinTimeoutMs, c.intervalMs - 1);
    c.maxBytes = std::clamp<qint64>(maxBytes, 1024, kMaxMaxBytes);
    c.extraNames = extraNames.mid(0, kMaxExtraNames);
    if (c.authorization.contains('\r') || c.authorization.contains('\n'))
        c.authorization.clear(); // never a header injection
    return c;
}

int ScraperConfig::effectiveTimeoutMs() const {
    return timeoutMs > 0 ? timeoutMs : std::max(kMinTimeoutMs, intervalMs * 4 / 5);
}

QString ScraperConfig::displayUrl() const {
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}
