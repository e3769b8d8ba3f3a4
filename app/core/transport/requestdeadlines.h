#pragma once

#include <QtGlobal>

struct EndpointConfig;

// The four deadlines of one request, the same for a run's requests and "Test connection":
// connect (until the request is on the wire) and first token count from the send, idle
// from the last arrival once content has begun, total from the send. A span <= 0 disables
// its deadline. The caller holds the timer (one, armed at next()) and words the message.
class RequestDeadlines {
public:
    enum class Kind { None, Connect, FirstToken, Idle, Total };
    // Where the request is: what the deadlines depend on.
    struct Progress {
        qint64 sendNs = -1;
        qint64 lastActivityNs = -1;
        bool connected = false;
        bool sawContent = false;
    };

    explicit RequestDeadlines(const EndpointConfig& endpoint);

    // The nearest deadline (monotonic ns), or -1 when none applies.
    qint64 next(const Progress& progress) const;
    // Which deadline has passed at nowNs (the first in the order above), or None.
    Kind expired(const Progress& progress, qint64 nowNs) const;
    // The configured span of `kind`, in seconds, for the message.
    double seconds(Kind kind) const;
    // Milliseconds a timer should wait from nowNs to deadlineNs, rounded up (a timer firing
    // early only re-arms; QTimer has millisecond resolution).
    static int waitMs(qint64 deadlineNs, qint64 nowNs);

private:
    double m_connectS;
    double m_firstTokenS;
    double m_idleS;
    double m_totalS;
};
