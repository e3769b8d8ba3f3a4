#pragma once

#include "results/shardinfo.h"

#include <QDateTime>
#include <QList>
#include <QUrl>
#include <functional>
#include <optional>

// Issue 15: how far this machine's clock is from the endpoint's, from the `Date` header of a
// few HEAD requests (no API key is sent: any answer, a 401 or 404 too, carries a Date). Date has
// 1 s resolution, so the probe repeats (every ~40 ms, up to ~1.3 s) until the server's second
// ticks over: the tick happened between the request before it was sent and the one after it was
// answered, which bounds the offset to +-(that span / 2) — tens of ms on a LAN. Without a tick
// it falls back to one answer's Date + 0.5 s, +-(0.5 s + half its round trip).
class ClockOffsetProbe {
public:
    struct Sample {
        qint64 sentMs = 0;     // local wall clock
        qint64 answeredMs = 0; // local wall clock
        qint64 dateMs = -1;    // the server's Date (whole seconds), -1 none
    };

    // The estimate from samples in the order taken (pure; the test feeds it directly).
    static ClockOffset estimate(const QList<Sample>& samples);
    // Parses an HTTP Date (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"); -1 if malformed.
    static qint64 parseHttpDate(const QByteArray& value);
    // Blocking (a local event loop, at most timeoutMs): samples the endpoint and estimates.
    // nowMs: the local wall clock (ShardClock::nowMs in a run).
    static ClockOffset measure(const QUrl& url, bool verifyTls,
                               const std::function<qint64()>& nowMs, int timeoutMs = 4000);

private:
    static std::optional<Sample> sampleOnce(class QNetworkAccessManager* manager, const QUrl& url,
                                            bool verifyTls, const std::function<qint64()>& nowMs,
                                            int timeoutMs);
};
