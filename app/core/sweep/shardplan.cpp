#include "sweep/shardplan.h"

#include "workload/seededrandom.h"

#include <algorithm>

namespace {
// Salt for the shard streams, so shard i's seed never equals the plan's seed of another run.
constexpr quint64 kShardSalt = 0x5348415244ULL; // "SHARD"
} // namespace

int ShardPlan::concurrencyShare(int total, int index, int count) {
    if (count <= 1)
        return total;
    if (index < 0 || index >= count || total <= 0)
        return 0;
    return total / count + (index < total % count ? 1 : 0);
}

double ShardPlan::rateShare(double rate, int count) {
    return count <= 1 ? rate : rate / count;
}

quint64 ShardPlan::seedFor(quint64 planSeed, int index, int count) {
    if (count <= 1)
        return planSeed;
    return SeededRandom::mix(planSeed ^ kShardSalt, quint64(index) + 1);
}

LevelSpec ShardPlan::levelFor(const LevelSpec& level, int index, int count) {
    if (count <= 1)
        return level;
    LevelSpec share = level;
    if (level.isRate) {
        share.rate = rateShare(level.rate, count);
        if (level.concurrency > 0)
            share.concurrency = std::max(1, concurrencyShare(level.concurrency, index, count));
    } else {
        share.concurrency = concurrencyShare(level.concurrency, index, count);
    }
    share.warmupRequests = concurrencyShare(level.warmupRequests, index, count);
    return share;
}
