#include "results/runcontinuation.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"

#include <algorithm>

qint64 RunContinuation::endNs(const RunResult& run) {
    qint64 end = run.runStartNs;
    for (const LevelRunInfo& level : run.levels)
        end = std::max(end, level.endNs);
    for (const RequestRecord& record : run.records)
        end = std::max(end, record.tEndNs);
    return end;
}

bool RunContinuation::append(RunResult& into, const RunResult& more, QString* error) {
    if (more.levels.isEmpty()) {
        *error = QStringLiteral("the continuation measured no level");
        return false;
    }
    if (into.runStartNs < 0 || more.runStartNs < endNs(into)) {
        *error = QStringLiteral("the run was not measured in this session (its clock is not "
                                "this process's): measure again, then refine");
        return false;
    }
    QList<LevelSummary> levels = into.summary.levels;
    for (LevelRunInfo info : more.levels) {
        const int from = info.index;
        info.index = int(levels.size());
        RecordStore levelRecords;
        for (RequestRecord record : more.records) {
            if (record.level != from)
                continue;
            record.level = info.index;
            levelRecords.append(record);
            into.records.append(record);
        }
        // Window bounds in ms from the run's start, as the run's own levels have them.
        levels.append(
            LevelAggregator::summarize(info, levelRecords, into.profile.budget, into.runStartNs));
        into.levels.append(info);
    }
    into.summary = SweepAggregator::summarize(levels, into.profile.budget,
                                              into.profile.plan.plateauGainThreshold);
    return true;
}
