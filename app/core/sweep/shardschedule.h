#pragma once

#include "profile/shardsettings.h"

#include <QtGlobal>

// Issue 15: when each level of a sharded run starts, by the wall clock, so every shard
// changes level at the same moment: level i at start_at + i * (duration + level gap). The gap
// lets in-flight requests drain; a level that drains later starts the next one late (the
// lateness is recorded, the schedule is kept).
class ShardSchedule {
public:
    ShardSchedule() = default;
    ShardSchedule(const ShardSettings& shard, double levelDurationS);

    bool isActive() const { return m_startAtMs >= 0; }
    qint64 plannedStartMs(int level) const; // -1 when not active
    // How long to wait from nowMs for the level (0 when it is due or past).
    qint64 waitMs(int level, qint64 nowMs) const;

private:
    qint64 m_startAtMs = -1;
    qint64 m_slotMs = 0;
};
