#pragma once

#include <QtGlobal>

// The plan's "shard" object (issue 15): this run is shard `index` of `count` that together
// apply the plan's load. count 0: not a shard (a normal run). With startAtMs every level's start
// is fixed by the wall clock (startAt + level * (duration + levelGapS)), so all shards change
// level together.
struct ShardSettings {
    static constexpr int kMaxCount = 256;
    static constexpr double kMaxLevelGapS = 3600.0;

    int index = 0;
    int count = 0;          // 0: not sharded; 1..kMaxCount
    qint64 startAtMs = -1;  // ms since the Unix epoch (UTC); -1: no wall-clock schedule
    double levelGapS = 5.0; // after each level's duration: its drain and the aggregation

    bool isSharded() const { return count > 0; }
    bool hasSchedule() const { return startAtMs >= 0; }
    bool operator==(const ShardSettings&) const = default;
};
