#pragma once

#include "record/recordstore.h"

#include <QList>

// How many requests the client had in flight at every moment of a level: a step function
// built from each record's tSendNs (+1) and tEndNs (-1). It defines the steady window and
// the time-weighted achieved concurrency.
class InFlightTimeline {
public:
    // Records without a send time never were in flight and are skipped. A record with no
    // end time (should not happen for finished records) counts as in flight until openEndNs.
    InFlightTimeline(const RecordStore& records, qint64 openEndNs);

    // Requests in flight just after every change at time t (all changes at t applied).
    int countAt(qint64 t) const;
    // The highest count reached at or after fromNs (0 when nothing happens).
    int maxFrom(qint64 fromNs) const;
    // The first moment at or after fromNs at which the count is >= target; -1 if never.
    qint64 firstReach(int target, qint64 fromNs) const;
    // The first moment after fromNs at which the count drops below `level`; -1 if never.
    qint64 firstBelow(int level, qint64 fromNs) const;
    // Integral of the count over [fromNs, toNs], in request-nanoseconds.
    double integral(qint64 fromNs, qint64 toNs) const;
    // Time-weighted mean count over [fromNs, toNs]; NaN for an empty interval.
    double meanOver(qint64 fromNs, qint64 toNs) const;
    int maxOverall() const;

private:
    // One entry per distinct change time: the count that holds from that time on.
    struct Step {
        qint64 t;
        int count;
    };
    QList<Step> m_steps;
};
