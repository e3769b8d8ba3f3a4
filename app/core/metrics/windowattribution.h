#pragma once

#include "record/requestrecord.h"

// Shares of one request that fall inside a time window (fromNs, toNs].
// Used so that rates measured over a short steady window do not jump by whole requests
// depending on which side of the window edge a completion happened to land.
class WindowAttribution {
public:
    // Output tokens delivered in the window, by the arrival time of their content events.
    // A count from usage that differs from the number of events is spread evenly over the
    // request's content events (docs/METRICS.md). A request with a count but no recorded events
    // gets its tokens at its last content time (else its end).
    static double outputTokens(const RequestRecord& record, qint64 fromNs, qint64 toNs);

    // The fraction of the request's lifetime [tSendNs, tEndNs] that lies inside the window:
    // 1 for a request fully inside it, 0 for one outside. A zero-length request counts
    // wholly where it ended.
    static double lifetimeShare(const RequestRecord& record, qint64 fromNs, qint64 toNs);
};
