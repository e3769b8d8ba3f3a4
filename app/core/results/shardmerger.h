#pragma once

#include "results/runresult.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// Issue 15: one result from every shard of a sharded run. Each shard's records are put on one
// clock (its wall-clock run start plus its clock offset against the endpoint, or an override),
// then each level is aggregated again by LevelAggregator from the union of all shards' records:
// exact percentiles over every request, achieved concurrency and in-flight counts summed by
// construction, the steady window from the summed target (closed loop: from when every shard's
// workers were in flight) to the first shard's issue stop, i.e. the intersection of the shards'
// windows. Every shard's own figures (client_bound, errors) are kept in shard.shards.
//
// Refused, with one line saying why: a file that is not a shard, shards of different counts,
// plans or start times, a missing shard index, a shard without a level the others have, the
// same shard index from two different runs. The same shard given twice (its results and its
// journal, or one file twice) counts once, with a warning.
class ShardMerger {
public:
    struct Input {
        RunResult result;
        QString file; // for messages and the merged result's list
    };

    // clockOverridesMs: shard index -> offset to apply instead of the shard's own estimate.
    static std::optional<RunResult> merge(const QList<Input>& inputs,
                                          const QMap<int, double>& clockOverridesMs,
                                          QStringList* warnings, QString* error);
};
