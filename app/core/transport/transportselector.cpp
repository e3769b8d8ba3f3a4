#include "transport/transportselector.h"

#include "profile/endpointconfig.h"

#include <QNetworkProxy>
#include <QNetworkProxyQuery>

bool TransportSelector::useDirectHttp(EngineOptions::Transport choice,
                                      const EndpointConfig& endpoint, bool noProxy) {
    if (choice == EngineOptions::Transport::Qt || endpoint.http2)
        return false;
    const QString scheme = endpoint.url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    if (noProxy)
        return true;
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(endpoint.url));
    return proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy;
}
