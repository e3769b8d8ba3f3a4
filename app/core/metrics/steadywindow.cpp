#include "metrics/steadywindow.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kNone = std::numeric_limits<qint64>::max();

// When the level's load really began: the first measured (non-warm-up) request. Open loop
// uses its arrival (t_sched), closed loop its send (the worker was busy with warm-up before).
qint64 firstMeasuredNs(const RecordStore& records, bool arrival) {
    qint64 first = kNone;
    for (const RequestRecord& r : records) {
        if (r.warmup || r.tSendNs < 0)
            continue;
        const qint64 t = arrival && r.tSchedNs >= 0 ? r.tSchedNs : r.tSendNs;
        first = std::min(first, t);
    }
    return first;
}

qint64 lastSendNs(const RecordStore& records) {
    qint64 last = -1;
    for (const RequestRecord& r : records)
        last = std::max(last, r.tSendNs);
    return last;
}

qint64 lastMeasuredEndNs(const RecordStore& records) {
    qint64 last = -1;
    for (const RequestRecord& r : records) {
        if (!r.warmup && r.tSendNs >= 0)
            last = std::max({last, r.tEndNs, r.tLastContentNs, r.tSendNs});
    }
    return last;
}
} // namespace

SteadyWindow SteadyWindow::find(const LevelRunInfo& info, const RecordStore& records,
                                const InFlightTimeline& timeline) {
    SteadyWindow w;
    const qint64 first = firstMeasuredNs(records, info.isRate);
    if (first == kNone) {
        w.note = u"no measured request: no steady window"_s;
        return w;
    }

    // The window normally ends when the first worker stopped issuing: from then on fewer
    // requests are in flight (closed loop) or no new ones arrive (open loop).
    qint64 issueStop = info.issueStopNs;
    if (issueStop < 0) {
        issueStop = lastSendNs(records);
        w.note = u"issue stop unknown; window ends at the last send"_s;
    }
    w.endNs = issueStop;

    if (info.isRate) {
        // Open loop has no ramp to wait for: arrivals follow the rate from the first one. A
        // merged level's start is the latest shard's (ShardMerger): only from then on did every
        // shard apply its share of the rate. A single run's arrivals never precede its start.
        w.startNs = std::max(first, info.startNs);
    } else {
        const int target = info.concurrency > 0 ? info.concurrency : timeline.maxFrom(first);
        w.startNs = timeline.firstReach(target, first);
        if (w.startNs < 0) {
            // The level never held its target (fewer requests than workers, a run stopped
            // during the ramp, or a client that could not open enough connections). The most
            // honest window left is the one where the load was highest: from when the
            // highest in-flight count after the warm-up was first reached until it first
            // fell (e.g. all requests sent, to the first one ending), or to the issue stop
            // if that is later (a worker that never got a request "stops" at once, so the
            // issue stop alone could leave a sliver). The caller flags the level
            // client_bound, since it did not measure the load it names.
            const int most = std::max(timeline.maxFrom(first), 1);
            w.targetReached = false;
            w.startNs = timeline.firstReach(most, first);
            w.endNs = std::max(issueStop, timeline.firstBelow(most, w.startNs));
            const QString text = u"target of %1 in flight never reached; window is where the "
                                 u"most (%2) were"_s.arg(target)
                                     .arg(most);
            w.note = w.note.isEmpty() ? text : text + u"; "_s + w.note;
        }
    }

    if (w.startNs < 0 || w.endNs <= w.startNs) {
        // Nothing steady to measure (e.g. every worker sent once and then stopped): fall
        // back to the measured requests' whole span rather than reporting nothing.
        w.startNs = first;
        w.endNs = lastMeasuredEndNs(records);
        w.wholeSpan = true;
        const QString text = u"steady window empty; using the measured requests' whole span"_s;
        w.note = w.note.isEmpty() ? text : w.note + u"; "_s + text;
    }
    return w;
}
