#include "sweep/shardrun.h"

#include "common/monotonicclock.h"
#include "sweep/clockoffsetprobe.h"
#include "sweep/shardclock.h"
#include "sweep/shardplan.h"

#include <cmath>

bool ShardRun::prepare(const Profile& profile, bool isTrace, const QUrl& url, qint64 runStartNs,
                       QList<LevelSpec>* levels, ShardInfo* info, QString* error) {
    const ShardSettings& shard = profile.plan.shard;
    if (!shard.isSharded())
        return true;
    if (isTrace) {
        *error = QStringLiteral("a trace cannot be sharded: it replays its own arrival times");
        return false;
    }
    m_active = true;
    for (LevelSpec& level : *levels)
        level = ShardPlan::levelFor(level, shard.index, shard.count);
    m_clock = ClockOffsetProbe::measure(url, profile.endpoint().verifyTls, &ShardClock::nowMs);
    m_schedule = ShardSchedule(shard, profile.plan.durationPerLevelS);

    info->index = shard.index;
    info->count = shard.count;
    info->startAtMs = shard.startAtMs;
    info->levelGapS = shard.levelGapS;
    info->slotS = profile.plan.durationPerLevelS + shard.levelGapS;
    info->clock = m_clock;
    // The wall-clock moment of the run's monotonic origin: every shard's times go on one clock.
    const double sinceStartMs = double(MonotonicClock::nowNs() - runStartNs) / 1e6;
    info->runStartWallMs = ShardClock::nowMs() - qint64(std::llround(sinceStartMs));
    return true;
}

qint64 ShardRun::nowMs() const {
    const qint64 local = ShardClock::nowMs();
    return m_clock.isKnown() ? local + qint64(std::llround(m_clock.offsetMs)) : local;
}

QString ShardRun::latenessNote(int level) const {
    const qint64 late = latenessMs(level);
    if (late <= 1000)
        return {};
    return QStringLiteral("shard: level %1 starts %2 s late (the level before drained late, or "
                          "the start time had passed)")
        .arg(level + 1)
        .arg(double(late) / 1000.0, 0, 'f', 1);
}

qint64 ShardRun::latenessMs(int level) const {
    if (!m_schedule.isActive())
        return 0;
    return nowMs() - m_schedule.plannedStartMs(level);
}
