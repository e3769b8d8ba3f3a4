#pragma once

// Tuning knobs of the load engine that are not part of a profile (they describe the
// client, not the benchmark). Defaults suit the GUI and the CLI; tests shrink the ramp.
struct EngineOptions {
    // HTTP transport. Auto: Plateau's direct HTTP/1.1 client (HttpConnection) for http(s)
    // URLs without HTTP/2 and without a proxy, Qt's QNetworkAccessManager otherwise.
    // Qt: always QNetworkAccessManager (a fallback, and for comparisons).
    enum class Transport { Auto, Qt };
    Transport transport = Transport::Auto;

    // Worker QThreads that own the QNetworkAccessManagers; 0 = min(4, ideal thread count).
    int networkThreads = 0;
    // Closed loop: workers start staggered, worker i at start + i * ramp / N, with
    // ramp = min(maxRampS, rampPerWorkerMs * (N - 1)), and at most a tenth of a
    // duration-bound level. Staggering avoids a thundering herd of connects that would
    // measure the accept queue instead of the endpoint.
    double maxRampS = 1.0;
    double rampPerWorkerMs = 4.0;
    // The run stops as "unreachable" when its first this-many requests (or fewer if the
    // first level issues fewer) all fail to connect.
    int unreachableAfter = 3;
    // Event-loop lag probe period on every client thread.
    int lagProbeIntervalMs = 10;

    int resolvedNetworkThreads() const;
};
