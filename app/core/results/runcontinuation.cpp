#include "results/runcontinuation.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "results/resultsjson.h"

#include <QHash>

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

// The continuation's server figures joined to the run's: its scrapes' series moved to the
// run's clock (they count from the continuation's start), its levels renumbered as the
// records are. (Without this an interleaved run kept only its first level's server figures.)
void appendSeries(std::map<QString, ServerRunMetrics::Series>& to,
                  const std::map<QString, ServerRunMetrics::Series>& from, qint64 offsetMs) {
    for (const auto& [key, points] : from) {
        for (ServerRunMetrics::Point point : points) {
            point.tMs += offsetMs;
            to[key].append(point);
        }
    }
}

void appendServerMetrics(ServerRunMetrics& into, const ServerRunMetrics& more, qint64 offsetMs,
                         const QHash<int, int>& newIndex) {
    if (!more.enabled)
        return;
    if (!into.enabled || into.engine == QLatin1String("unknown")) {
        into.enabled = true;
        into.url = more.url;
        into.engine = more.engine;
        into.intervalMs = more.intervalMs;
        into.sourceNames = more.sourceNames;
        into.extraNames = more.extraNames;
    }
    into.scrapes += more.scrapes;
    into.warnings += more.warnings;
    appendSeries(into.series, more.series, offsetMs);
    appendSeries(into.extras, more.extras, offsetMs);
    for (ServerLevelFigures figures : more.levels) {
        if (!newIndex.contains(figures.index))
            continue;
        figures.index = newIndex.value(figures.index);
        into.levels.append(figures);
    }
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
    QHash<int, int> newIndex;
    for (LevelRunInfo info : more.levels) {
        const int from = info.index;
        info.index = int(levels.size());
        newIndex.insert(from, info.index);
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
    appendServerMetrics(into.serverMetrics, more.serverMetrics,
                        (more.runStartNs - into.runStartNs) / 1'000'000, newIndex);
    into.summary = SweepAggregator::summarize(levels, into.profile.budget,
                                              into.profile.plan.plateauGainThreshold);
    return true;
}
