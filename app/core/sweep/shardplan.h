#pragma once

#include "load/levelspec.h"

#include <QtGlobal>

// Issue 15: what shard `index` of `count` runs of each level, as pure functions. Concurrency
// is split N ways with the remainder spread over the lowest indices (10 over 4: 3,3,2,2), so
// the shares always sum to the plan's level; a shard whose share is 0 idles through the level
// (it keeps the schedule). A rate is divided by N; an open loop's in-flight cap is split like
// a concurrency but never to 0 (0 means "no cap"). Warm-up requests split like concurrency.
// Each shard draws its prompts and arrivals from its own seed, so no two shards send the same
// prompt sequence.
class ShardPlan {
public:
    static int concurrencyShare(int total, int index, int count);
    static double rateShare(double rate, int count);
    // count <= 1: the plan's seed itself (a single shard is an ordinary run).
    static quint64 seedFor(quint64 planSeed, int index, int count);
    static quint64 seedFor(const SweepPlan& plan) {
        return seedFor(plan.seed, plan.shard.index, plan.shard.count);
    }
    // The level as shard `index` of `count` runs it.
    static LevelSpec levelFor(const LevelSpec& level, int index, int count);
};
