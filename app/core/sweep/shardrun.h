#pragma once

#include "load/levelspec.h"
#include "profile/profile.h"
#include "results/shardinfo.h"
#include "sweep/shardschedule.h"

#include <QList>
#include <QString>
#include <QUrl>

// Issue 15: the engine's side of one shard of a sharded run: its share of every level
// (ShardPlan), its clock offset against the endpoint (ClockOffsetProbe), the wall-clock level
// schedule it keeps (ShardSchedule) and what the results record of it (ShardInfo). Inactive
// for a run that is not a shard.
class ShardRun {
public:
    // Before the first level: turns the plan's levels into this shard's, measures the clock
    // offset against url, fills the result's shard record. False (with why) for a plan that
    // cannot be sharded (a trace replays its own arrival times).
    bool prepare(const Profile& profile, bool isTrace, const QUrl& url, qint64 runStartNs,
                 QList<LevelSpec>* levels, ShardInfo* info, QString* error);
    bool isActive() const { return m_active; }
    // The wall clock the schedule is kept by: this machine's, corrected by the offset.
    qint64 nowMs() const;
    qint64 waitMs(int level) const { return m_schedule.waitMs(level, nowMs()); }
    // How late the level starts now against its planned start (0 without a schedule).
    qint64 latenessMs(int level) const;
    // A notice when the level starts more than a second late, else "".
    QString latenessNote(int level) const;

private:
    bool m_active = false;
    ShardSchedule m_schedule;
    ClockOffset m_clock;
};
