#include "results/runcontinuation.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "results/resultsjson.h"

#include <algorithm>

qint64 RunContinuation::endNs(const RunResult& run) {
    qint64 end = run.runStartNs;
    for (const LevelRunInfo& level : run.levels)
        end = std::max(end, level.endNs);
    for (const RequestRecord& record : run.records)
        end = std::max(end, record.tEndNs);
    return end;
}

namespace {
qint64 moved(qint64 ns, qint64 by) {
    return ns < 0 ? ns : ns + by; // -1: "never happened" stays so
}

RequestRecord movedRecord(RequestRecord r, qint64 by) {
    for (qint64* t : {&r.tSchedNs, &r.tSendNs, &r.tHeadersNs, &r.tFirstEventNs, &r.tFirstContentNs,
                      &r.tLastContentNs, &r.tEndNs})
        *t = moved(*t, by);
    for (qint64& t : r.contentEventNs)
        t = moved(t, by);
    return r;
}
} // namespace

bool RunContinuation::isLoaded(const RunResult& run) {
    return run.runStartNs == ResultsJson::loadedRunStartNs;
}

void RunContinuation::rebase(RunResult& more, qint64 startNs) {
    if (more.runStartNs < 0)
        return;
    const qint64 by = startNs - more.runStartNs;
    more.runStartNs = startNs;
    for (LevelRunInfo& level : more.levels) {
        for (qint64* t : {&level.startNs, &level.issueStopNs, &level.endNs})
            *t = moved(*t, by);
    }
    RecordStore records;
    for (const RequestRecord& r : more.records)
        records.append(movedRecord(r, by));
    more.records = records;
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
