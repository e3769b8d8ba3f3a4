#pragma once

#include "record/requestrecord.h"
#include "sim/simstats.h"

#include <QList>

// Pairs each client record with the simulator's own log of the same request through the
// response's X-Request-Id (RequestRecord::serverRequestId == SimRequestTruth::id), so the
// timing error is measured per request, reorderings included (sorting both sides, the
// fallback when no id is known, cannot see those).
class RequestPairing {
public:
    enum class Moment { FirstToken, LastToken };
    struct Delays {
        QList<double> ms; // client arrival - simulator send, per paired request
        int unpaired = 0; // successful records without a matching id
    };
    static Delays delaysMs(const QList<RequestRecord>& records,
                           const QList<SimRequestTruth>& truths, Moment moment);
};
