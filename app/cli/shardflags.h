#pragma once

#include "cli/runflags.h"
#include "profile/profile.h"

#include <QCommandLineParser>
#include <QString>

// The sharding flags of `plateau-cli run` (issue 15) applied on top of a profile's plan:
//   --shard I/N         this process is shard I (from 0) of N (1-256) that together apply the
//                       plan's load (plan.shard.index / count)
//   --start-at TIME     every level starts at a fixed wall-clock time: TIME (ISO 8601 UTC, e.g.
//                       2026-12-06T08:00:00Z, or unix seconds) + level x (duration + gap), so
//                       all shards change level together (plan.shard.start_at)
//   --level-gap S       the gap after each level's duration (0-3600, default 5)
// --start-at and --level-gap need --shard (or a profile with plan.shard).
// Errors are one line naming the flag and the bound.
class ShardFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags, Profile* profile,
                      QString* error);
};
