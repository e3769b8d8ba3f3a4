#pragma once

#include "load/levelspec.h"

#include <QList>

// openai-embeddings (issue 14): the plan's levels once per batch size, batch-major (every
// level at the first size, then every level at the next), renumbered in run order. Each
// level carries its size; the engine sends that many inputs per request at it.
class BatchGrid {
public:
    // One size gives the plan's levels marked with it; the seeds follow the new indices as
    // LevelSpec::fromPlan's do (a distinct, reproducible stream per level).
    static QList<LevelSpec> expand(const QList<LevelSpec>& levels, const QList<int>& batchSizes,
                                   quint64 planSeed);
};
