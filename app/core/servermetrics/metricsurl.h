#pragma once

#include <QUrl>

// The default metrics URL for an endpoint: its origin (scheme, host, port) + "/metrics", as
// vLLM, SGLang, TGI and llama.cpp serve it beside the OpenAI API. No user info, query or
// fragment is carried over. An invalid URL for an endpoint that is not http(s) with a host.
class MetricsUrl {
public:
    static QUrl defaultFor(const QUrl& endpoint);
};
