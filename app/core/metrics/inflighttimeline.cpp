#include "metrics/inflighttimeline.h"

#include <algorithm>
#include <limits>
#include <utility>

InFlightTimeline::InFlightTimeline(const RecordStore& records, qint64 openEndNs) {
    // Each change as one number, time * 2 + (1 for a start, 0 for an end): sorted, it is the
    // order of (time, -1 / +1) pairs, in half their memory (a 1 M-request level's end held
    // two million pairs, issue 17). Times are >= 0 and far below 2^62.
    QList<quint64> changes;
    changes.reserve(records.size() * 2);
    for (const RequestRecord& r : records) {
        if (r.tSendNs < 0)
            continue;
        const qint64 end = r.tEndNs >= 0 ? r.tEndNs : std::max(openEndNs, r.tSendNs);
        changes.append(quint64(r.tSendNs) << 1 | 1u);
        changes.append(quint64(std::max(end, r.tSendNs)) << 1);
    }
    // Changes at one instant collapse into one step (the count after all of them), so a
    // closed-loop worker that ends a request and sends the next at the same timestamp never
    // shows as N+1 in flight.
    std::sort(changes.begin(), changes.end());
    int count = 0;
    for (const quint64 change : std::as_const(changes)) {
        const qint64 t = qint64(change >> 1);
        count += (change & 1u) ? 1 : -1;
        if (!m_steps.isEmpty() && m_steps.constLast().t == t)
            m_steps.last().count = count;
        else
            m_steps.append({t, count});
    }
}

int InFlightTimeline::countAt(qint64 t) const {
    // Last step with time <= t.
    auto it = std::upper_bound(m_steps.cbegin(), m_steps.cend(), t,
                               [](qint64 value, const Step& s) { return value < s.t; });
    return it == m_steps.cbegin() ? 0 : std::prev(it)->count;
}

int InFlightTimeline::maxFrom(qint64 fromNs) const {
    int best = countAt(fromNs);
    for (const Step& s : m_steps) {
        if (s.t > fromNs)
            best = std::max(best, s.count);
    }
    return best;
}

qint64 InFlightTimeline::firstReach(int target, qint64 fromNs) const {
    if (countAt(fromNs) >= target)
        return fromNs;
    for (const Step& s : m_steps) {
        if (s.t > fromNs && s.count >= target)
            return s.t;
    }
    return -1;
}

qint64 InFlightTimeline::firstBelow(int level, qint64 fromNs) const {
    for (const Step& s : m_steps) {
        if (s.t > fromNs && s.count < level)
            return s.t;
    }
    return -1;
}

double InFlightTimeline::integral(qint64 fromNs, qint64 toNs) const {
    if (toNs <= fromNs)
        return 0.0;
    double area = 0.0;
    qint64 t = fromNs;
    int count = countAt(fromNs);
    for (const Step& s : m_steps) {
        if (s.t <= fromNs)
            continue;
        if (s.t >= toNs)
            break;
        area += double(count) * double(s.t - t);
        t = s.t;
        count = s.count;
    }
    area += double(count) * double(toNs - t);
    return area;
}

double InFlightTimeline::meanOver(qint64 fromNs, qint64 toNs) const {
    if (toNs <= fromNs)
        return std::numeric_limits<double>::quiet_NaN();
    return integral(fromNs, toNs) / double(toNs - fromNs);
}

int InFlightTimeline::maxOverall() const {
    int best = 0;
    for (const Step& s : m_steps)
        best = std::max(best, s.count);
    return best;
}
