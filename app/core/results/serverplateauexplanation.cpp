#include "results/serverplateauexplanation.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace {
QString whole(double value) {
    return QLocale::c().toString(value, 'f', 0);
}

const LevelSummary* levelAt(const RunResult& result, int index) {
    for (const LevelSummary& level : result.summary.levels) {
        if (level.index == index)
            return &level;
    }
    return nullptr;
}

// The first level whose KV cache was full, and the preemptions from there on.
QString memorySentence(const RunResult& result) {
    const ServerRunMetrics& server = result.serverMetrics;
    const ServerLevelFigures* firstFull = nullptr;
    double preemptions = 0.0;
    for (const ServerLevelFigures& figures : server.levels) {
        const bool full =
            figures.kvUsageMax && *figures.kvUsageMax >= ServerPlateauExplanation::kFullKvCache;
        if (full && !firstFull)
            firstFull = &figures;
        if (firstFull && figures.preemptions)
            preemptions += *figures.preemptions;
    }
    const LevelSummary* level = firstFull ? levelAt(result, firstFull->index) : nullptr;
    if (!level)
        return {};
    QString text = QStringLiteral("KV cache at %1% from %2: memory, not compute, limits throughput")
                       .arg(whole(*firstFull->kvUsageMax * 100.0), level->label());
    if (preemptions >= 1.0)
        text += QStringLiteral(" (%1 preemptions)").arg(whole(preemptions));
    return text + u'.';
}
} // namespace

QString ServerPlateauExplanation::sentence(const RunResult& result) {
    const ServerRunMetrics& server = result.serverMetrics;
    const PlateauResult& plateau = result.summary.plateau;
    if (!server.enabled || !plateau.plateaued || server.levels.isEmpty())
        return {};
    const QString memory = memorySentence(result);
    if (!memory.isEmpty())
        return memory;
    const ServerLevelFigures* from = server.level(plateau.plateauFromLevel);
    const ServerLevelFigures& last = server.levels.constLast();
    const LevelSummary* fromLevel = levelAt(result, plateau.plateauFromLevel);
    const LevelSummary* lastLevel = levelAt(result, last.index);
    if (!from || !fromLevel || !lastLevel || !from->runningMean || !last.runningMean ||
        !last.waitingMean)
        return {};
    // Batch-bound: the running batch stays where it was at the plateau's start (within 10%)
    // while the extra load waits.
    const double running = *from->runningMean;
    const bool runningFlat = running > 0 && std::abs(*last.runningMean - running) <= 0.1 * running;
    if (runningFlat && *last.waitingMean >= std::max(1.0, 0.1 * lastLevel->concurrency))
        return QStringLiteral("From %1 the server runs %2 sequences and queues the rest (waiting "
                              "≈ %3 at %4): its batch limit is the plateau.")
            .arg(fromLevel->label(), whole(running), whole(*last.waitingMean), lastLevel->label());
    if (*last.waitingMean < 0.5)
        return QStringLiteral("From %1 the server admits every request (waiting 0, %2 running at "
                              "%3): each decode step takes longer with a larger batch, so compute "
                              "limits throughput.")
            .arg(fromLevel->label(), whole(*last.runningMean), lastLevel->label());
    return {};
}
