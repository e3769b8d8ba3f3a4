#pragma once

#include "metrics/levelsummary.h"
#include "profile/latencybudget.h"
#include "record/levelruninfo.h"
#include "record/recordstore.h"

#include <QList>

// Turns one level's records into its LevelSummary exactly as docs/METRICS.md defines:
// steady window, throughputs, achieved concurrency, goodput, errors by class, latency
// distributions over successful non-warm-up requests, client_bound and Little's law.
class LevelAggregator {
public:
    // records: every record of this level, warm-up included (flagged r.warmup).
    // runStartNs: the run's origin, so window bounds come out as ms from run start.
    static LevelSummary summarize(const LevelRunInfo& info, const RecordStore& records,
                                  const LatencyBudget& budget, qint64 runStartNs);
};
