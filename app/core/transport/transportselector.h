#pragma once

#include "transport/engineoptions.h"

struct EndpointConfig;

// Decides, once per run, whether requests take the direct HTTP/1.1 transport: only for
// http/https URLs, with HTTP/2 off (Qt's stack multiplexes), and when no proxy applies
// (the endpoint disables the system proxy, the host is loopback, or the system's proxy
// for this URL is "none"). Everything else keeps QNetworkAccessManager.
class TransportSelector {
public:
    static bool useDirectHttp(EngineOptions::Transport choice, const EndpointConfig& endpoint,
                              bool noProxy);
};
