#include "servermetrics/metricsurl.h"

QUrl MetricsUrl::defaultFor(const QUrl& endpoint) {
    const QString scheme = endpoint.scheme().toLower();
    if (!endpoint.isValid() || endpoint.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return {};
    QUrl url;
    url.setScheme(scheme);
    url.setHost(endpoint.host());
    url.setPort(endpoint.port());
    url.setPath(QStringLiteral("/metrics"));
    return url;
}
