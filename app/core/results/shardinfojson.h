#pragma once

#include "record/levelruninfo.h"
#include "results/shardinfo.h"

#include <QJsonObject>
#include <QList>

// The "shard" object of a results file and of a journal's run line (issue 15):
//   {"index": 1, "count": 4, "start_at": "...Z", "level_gap_s": 5, "run_start_wall_ms": ...,
//    "clock": {"offset_ms": -12.5, "uncertainty_ms": 21, "source": "date_tick"},
//    "schedule": [{"level": 0, "planned_start": "...Z", "started": "...Z", "lateness_ms": 3}],
//    "merged": false, "shards": [...]}
// "schedule" is derived (levels' start times on the corrected clock against the plan) and
// not read back. Absent for a run that is not a shard.
class ShardInfoJson {
public:
    // levels and runStartNs: to write the schedule (empty levels: none, as in a journal).
    static QJsonObject toJson(const ShardInfo& shard, const QList<LevelRunInfo>& levels,
                              qint64 runStartNs);
    static ShardInfo fromJson(const QJsonObject& object);
    static QJsonObject clockToJson(const ClockOffset& clock);
    static ClockOffset clockFromJson(const QJsonObject& object);
    // When the level started on the corrected wall clock (ms since the epoch), -1 unknown.
    static double levelStartWallMs(const ShardInfo& shard, const LevelRunInfo& level,
                                   qint64 runStartNs);
};
