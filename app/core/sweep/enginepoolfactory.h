#pragma once

#include "profile/endpointconfig.h"
#include "transport/engineoptions.h"

class NetworkPool;
class QObject;

// The network pool of a run, sized and configured for its endpoint: threads, slots per
// manager (HTTP/2 multiplexes), proxy use (never for a loopback endpoint) and transport.
class EnginePoolFactory {
public:
    static NetworkPool* create(const EndpointConfig& endpoint, const EngineOptions& options,
                               QObject* parent);
};
