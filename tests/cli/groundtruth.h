#pragma once

#include "record/requestrecord.h"
#include "sim/simstats.h"

#include <QJsonDocument>
#include <QList>

// What the simulator says it did (GET /sim/requests), and the comparisons the end-to-end
// tests make against plateau-cli's measurements. The simulator process and plateau-cli
// read the same CLOCK_MONOTONIC, so their nanosecond timestamps compare directly.
class GroundTruth {
public:
    // Accepts a JSON array of requests or {"requests": [...]}.
    static QList<SimRequestTruth> parse(const QJsonDocument& doc);
    // Requests that arrived in [fromNs, toNs].
    static QList<SimRequestTruth> arrivedWithin(const QList<SimRequestTruth>& all, qint64 fromNs,
                                                qint64 toNs);
    // Largest number of requests in the simulator at once ([arrival, finished]).
    static int maxOverlap(const QList<SimRequestTruth>& requests);
    // Pairs each client first-content time with the simulator's first-token send time after
    // sorting both (requests admitted in the same step share a send time, so the order
    // within a step does not matter) and returns client - server, in ms.
    static QList<double> firstTokenDelaysMs(const QList<RequestRecord>& records,
                                            const QList<SimRequestTruth>& truths);
    static double percentile(QList<double> values, double p);
};
