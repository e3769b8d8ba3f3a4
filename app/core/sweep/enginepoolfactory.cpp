#include "sweep/enginepoolfactory.h"

#include "transport/networkpool.h"
#include "transport/transportselector.h"

#include <QHostAddress>
#include <QNetworkProxyFactory>

namespace {
bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
} // namespace

NetworkPool* EnginePoolFactory::create(const EndpointConfig& endpoint, const EngineOptions& options,
                                       QObject* parent) {
    // A loopback endpoint (the simulator, a local server) never goes through a proxy.
    const bool noProxy = !endpoint.useSystemProxy || isLoopbackHost(endpoint.url.host());
    if (!noProxy)
        QNetworkProxyFactory::setUseSystemConfiguration(true); // HTTP(S)_PROXY, NO_PROXY

    NetworkPool::Config poolConfig;
    poolConfig.threads = options.resolvedNetworkThreads();
    // HTTP/2 multiplexes on one connection (Qt's default limit: 100 streams).
    poolConfig.slotsPerManager = endpoint.http2 ? 100 : 6;
    poolConfig.noProxy = noProxy;
    poolConfig.directHttp = TransportSelector::useDirectHttp(options.transport, endpoint, noProxy);
    poolConfig.lagProbeIntervalMs = options.lagProbeIntervalMs;
    return new NetworkPool(poolConfig, parent);
}
