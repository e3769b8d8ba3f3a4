#include "transport/requestdeadlines.h"

#include "profile/endpointconfig.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr qint64 kNoDeadline = std::numeric_limits<qint64>::max();

qint64 secondsToNs(double seconds) {
    // <= 0 disables a timeout.
    return seconds > 0.0 ? qint64(std::llround(seconds * 1e9)) : -1;
}

// The end of a span starting at `from`, or kNoDeadline when either is unset.
qint64 deadline(qint64 from, double seconds) {
    const qint64 span = secondsToNs(seconds);
    return from >= 0 && span > 0 ? from + span : kNoDeadline;
}
} // namespace

RequestDeadlines::RequestDeadlines(const EndpointConfig& endpoint)
    : m_connectS(endpoint.connectTimeoutS)
    , m_firstTokenS(endpoint.firstTokenTimeoutS)
    , m_idleS(endpoint.idleTimeoutS)
    , m_totalS(endpoint.totalTimeoutS) {}

qint64 RequestDeadlines::next(const Progress& p) const {
    qint64 next = deadline(p.sendNs, m_totalS);
    if (!p.connected)
        next = std::min(next, deadline(p.sendNs, m_connectS));
    if (!p.sawContent)
        next = std::min(next, deadline(p.sendNs, m_firstTokenS));
    else
        next = std::min(next, deadline(p.lastActivityNs, m_idleS));
    return next == kNoDeadline ? -1 : next;
}

RequestDeadlines::Kind RequestDeadlines::expired(const Progress& p, qint64 nowNs) const {
    if (!p.connected && nowNs >= deadline(p.sendNs, m_connectS))
        return Kind::Connect;
    if (!p.sawContent && nowNs >= deadline(p.sendNs, m_firstTokenS))
        return Kind::FirstToken;
    if (p.sawContent && nowNs >= deadline(p.lastActivityNs, m_idleS))
        return Kind::Idle;
    if (nowNs >= deadline(p.sendNs, m_totalS))
        return Kind::Total;
    return Kind::None;
}

double RequestDeadlines::seconds(Kind kind) const {
    switch (kind) {
    case Kind::Connect:
        return m_connectS;
    case Kind::FirstToken:
        return m_firstTokenS;
    case Kind::Idle:
        return m_idleS;
    case Kind::Total:
        return m_totalS;
    case Kind::None:
        break;
    }
    return 0.0;
}

int RequestDeadlines::waitMs(qint64 deadlineNs, qint64 nowNs) {
    const qint64 waitMs = std::max<qint64>(0, (deadlineNs - nowNs + 999999) / 1000000);
    return int(std::min<qint64>(waitMs, std::numeric_limits<int>::max()));
}
