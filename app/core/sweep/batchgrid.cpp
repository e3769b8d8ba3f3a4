#include "sweep/batchgrid.h"

QList<LevelSpec> BatchGrid::expand(const QList<LevelSpec>& levels, const QList<int>& batchSizes,
                                   quint64 planSeed) {
    if (batchSizes.size() < 2) { // the plan as it is, each level told its one size
        QList<LevelSpec> marked = levels;
        for (LevelSpec& spec : marked)
            spec.batchSize = batchSizes.value(0, 1);
        return marked;
    }
    QList<LevelSpec> grid;
    grid.reserve(levels.size() * batchSizes.size());
    for (int size : batchSizes) {
        for (LevelSpec spec : levels) {
            spec.index = int(grid.size());
            spec.seed = planSeed * 1000003ULL + quint64(spec.index);
            spec.batchSize = size;
            grid.append(spec);
        }
    }
    return grid;
}
