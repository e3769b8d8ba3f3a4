#pragma once

#include "record/levelruninfo.h"
#include "record/requestrecord.h"

#include <QList>
#include <cmath>

// Hand-built records with round timings, so every expected figure in the metrics tests can
// be worked out on paper. Times are given in ms from the run start.
namespace Synth {
// Far from 0 so that absolute and run-relative times cannot be confused.
constexpr qint64 kRunStartNs = 7'000'000'000'000LL;
constexpr qint64 kMs = 1'000'000;

inline qint64 at(double ms) {
    return kRunStartNs + std::llround(ms * double(kMs));
}

// A successful stream: sent (and scheduled) at sendMs, `events` content events every
// gapMs, the first one gapMs after the send; it ends on its last event.
// tokens < 0 means "usage equals the event count".
inline RequestRecord stream(double sendMs, int events, double gapMs, int tokens = -1,
                            bool warmup = false) {
    RequestRecord r;
    r.warmup = warmup;
    r.tSchedNs = at(sendMs);
    r.tSendNs = at(sendMs);
    r.tHeadersNs = at(sendMs + gapMs / 2);
    r.tFirstEventNs = at(sendMs + gapMs);
    for (int i = 1; i <= events; ++i)
        r.contentEventNs.append(at(sendMs + i * gapMs));
    r.tFirstContentNs = r.contentEventNs.constFirst();
    r.tLastContentNs = r.contentEventNs.constLast();
    r.tEndNs = r.tLastContentNs;
    r.outputTokens = tokens < 0 ? events : tokens;
    r.outputTokensSource = tokens < 0 ? TokenSource::Events : TokenSource::Usage;
    r.inputTokens = 100;
    r.inputTokensSource = TokenSource::Usage;
    r.httpStatus = 200;
    r.finishReason = QStringLiteral("length");
    return r;
}

// A request that failed with errorClass after running from sendMs to endMs.
inline RequestRecord failed(double sendMs, double endMs, const QString& errorClass,
                            bool warmup = false) {
    RequestRecord r;
    r.warmup = warmup;
    r.tSchedNs = at(sendMs);
    r.tSendNs = at(sendMs);
    r.tEndNs = at(endMs);
    r.error = errorClass;
    r.errorMessage = QStringLiteral("synthetic failure");
    return r;
}

inline LevelRunInfo closedLoop(int concurrency, double issueStopMs, bool complete = true) {
    LevelRunInfo info;
    info.index = 0;
    info.concurrency = concurrency;
    info.issueStopNs = issueStopMs < 0 ? -1 : at(issueStopMs);
    info.complete = complete;
    return info;
}

inline LevelRunInfo openLoop(double rate, double issueStopMs) {
    LevelRunInfo info;
    info.index = 0;
    info.isRate = true;
    info.rate = rate;
    info.issueStopNs = issueStopMs < 0 ? -1 : at(issueStopMs);
    info.complete = true;
    return info;
}

// Closed-loop worker: `count` back-to-back streams starting at startMs, each `events`
// events gapMs apart (so each lasts events * gapMs).
inline QList<RequestRecord> worker(double startMs, int count, int events, double gapMs) {
    QList<RequestRecord> out;
    for (int i = 0; i < count; ++i)
        out.append(stream(startMs + i * events * gapMs, events, gapMs));
    return out;
}
} // namespace Synth
