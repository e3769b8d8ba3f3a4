#include "metrics/windowattribution.h"

#include <algorithm>

namespace {
bool inside(qint64 t, qint64 fromNs, qint64 toNs) {
    return t > fromNs && t <= toNs;
}
} // namespace

double WindowAttribution::outputTokens(const RequestRecord& record, qint64 fromNs, qint64 toNs) {
    if (record.outputTokens <= 0)
        return 0.0;
    const QList<qint64>& events = record.contentEventNs;
    if (events.isEmpty()) {
        const qint64 at = record.tLastContentNs >= 0 ? record.tLastContentNs : record.tEndNs;
        return inside(at, fromNs, toNs) ? double(record.outputTokens) : 0.0;
    }
    qsizetype in = 0;
    for (qint64 t : events)
        in += inside(t, fromNs, toNs) ? 1 : 0;
    return double(record.outputTokens) * double(in) / double(events.size());
}

double WindowAttribution::lifetimeShare(const RequestRecord& record, qint64 fromNs, qint64 toNs) {
    if (record.tSendNs < 0 || record.tEndNs < 0 || toNs <= fromNs)
        return 0.0;
    const qint64 begin = record.tSendNs;
    const qint64 end = std::max(record.tEndNs, begin);
    if (end == begin)
        return inside(end, fromNs, toNs) ? 1.0 : 0.0;
    const qint64 overlap = std::min(end, toNs) - std::max(begin, fromNs);
    return overlap > 0 ? double(overlap) / double(end - begin) : 0.0;
}
