#include "sweep/shardschedule.h"

#include <algorithm>
#include <cmath>

ShardSchedule::ShardSchedule(const ShardSettings& shard, double levelDurationS)
    : m_startAtMs(shard.startAtMs)
    , m_slotMs(qint64(std::llround((levelDurationS + shard.levelGapS) * 1000.0))) {}

qint64 ShardSchedule::plannedStartMs(int level) const {
    if (!isActive())
        return -1;
    return m_startAtMs + qint64(level) * m_slotMs;
}

qint64 ShardSchedule::waitMs(int level, qint64 nowMs) const {
    if (!isActive())
        return 0;
    return std::max<qint64>(0, plannedStartMs(level) - nowMs);
}
