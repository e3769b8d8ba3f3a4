#pragma once

#include "metrics/levelsummary.h"

#include <QList>
#include <QString>
#include <QtGlobal>

// Issue 15: the endpoint's clock minus this machine's, estimated from the endpoint's `Date`
// header (1 s resolution) and the round trips that carried it. A corrected local time is
// local + offsetMs, good to +-uncertaintyMs.
struct ClockOffset {
    double offsetMs = 0.0;
    double uncertaintyMs = -1.0; // -1: no estimate (no Date header, no answer)
    QString source;              // "date_tick", "date", "none", "override"
    bool isKnown() const { return uncertaintyMs >= 0.0; }
};

// One shard's figures kept in a merged result ("shards": [...]).
struct MergedShard {
    int index = 0;
    QString startedAt;          // ISO 8601, the shard's own clock
    QString file;               // what the merge read it from
    ClockOffset clock;          // as applied by the merge
    QList<LevelSummary> levels; // the shard's own per-level figures (client_bound, errors)
};

// What a sharded run (or a merge of one) records beside the usual result: which shard it was,
// the wall-clock moment of its run start (to put every shard's monotonic times on one clock),
// its clock offset estimate and the level schedule it kept.
struct ShardInfo {
    int index = 0;
    int count = 0;         // 0: not a shard
    qint64 startAtMs = -1; // the plan's wall-clock schedule, -1 none
    double levelGapS = 0.0;
    double slotS = 0.0;         // a level's duration + the gap: level i is due at start + i * slot
    qint64 runStartWallMs = -1; // local wall clock (ms since the epoch) at RunResult::runStartNs
    ClockOffset clock;
    bool merged = false;       // a merge of every shard (index is then meaningless)
    QList<MergedShard> shards; // merged only

    bool isSharded() const { return count > 0; }
};
