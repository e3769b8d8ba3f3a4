#include "results/shardmerger.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "results/resultsjson.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace {
// The parts of a profile every shard must share; the seed and the shard's index may differ.
bool samePlan(const Profile& a, const Profile& b, QString* what) {
    SweepPlan planA = a.plan;
    SweepPlan planB = b.plan;
    planA.seed = planB.seed = 0;
    planA.shard.index = planB.shard.index = 0;
    if (!(planA == planB))
        *what = QStringLiteral("plan");
    else if (!(a.prompts == b.prompts))
        *what = QStringLiteral("prompts");
    else if (!(a.workload == b.workload))
        *what = QStringLiteral("workload");
    else if (!(a.budget == b.budget))
        *what = QStringLiteral("budget");
    return what->isEmpty();
}

void shiftNs(qint64* t, qint64 shift) {
    if (*t >= 0)
        *t += shift;
}

RequestRecord shifted(RequestRecord r, qint64 shift) {
    for (qint64* t : {&r.tSchedNs, &r.tSendNs, &r.tHeadersNs, &r.tFirstEventNs, &r.tFirstContentNs,
                      &r.tLastContentNs, &r.tEndNs})
        shiftNs(t, shift);
    for (qint64& t : r.contentEventNs)
        shiftNs(&t, shift);
    return r;
}

LevelRunInfo shifted(LevelRunInfo info, qint64 shift) {
    shiftNs(&info.startNs, shift);
    shiftNs(&info.issueStopNs, shift);
    shiftNs(&info.endNs, shift);
    return info;
}

// The level as all shards applied it: targets summed, the window's bounds intersected.
LevelRunInfo combined(const QList<LevelRunInfo>& infos) {
    LevelRunInfo all = infos.constFirst();
    all.concurrency = all.warmupRequests = all.conversationsStarted = all.conversationsCompleted =
        0;
    all.rate = 0.0;
    all.issueStopNs = -1;
    for (const LevelRunInfo& info : infos) {
        all.concurrency += info.concurrency;
        all.rate += info.rate;
        all.warmupRequests += info.warmupRequests;
        all.conversationsStarted += info.conversationsStarted;
        all.conversationsCompleted += info.conversationsCompleted;
        all.startNs = std::max(all.startNs, info.startNs);
        if (info.issueStopNs >= 0)
            all.issueStopNs = all.issueStopNs < 0 ? info.issueStopNs
                                                  : std::min(all.issueStopNs, info.issueStopNs);
        all.endNs = std::max(all.endNs, info.endNs);
        // client health is per machine: the worst shard's
        all.clientCpuSeconds = std::max(all.clientCpuSeconds, info.clientCpuSeconds);
        all.eventLoopLagP99Ms = std::max(all.eventLoopLagP99Ms, info.eventLoopLagP99Ms);
        all.complete = all.complete && info.complete;
    }
    return all;
}

// One shard per index; the same run's shard twice counts once.
bool distinctShards(const QList<ShardMerger::Input>& inputs, QList<ShardMerger::Input>* shards,
                    QStringList* warnings, QString* error) {
    QMap<int, const ShardMerger::Input*> byIndex;
    for (const ShardMerger::Input& input : inputs) {
        const ShardInfo& shard = input.result.shard;
        if (!shard.isSharded() || shard.merged || shard.runStartWallMs < 0) {
            *error = input.file + QStringLiteral(": not one shard's result or journal (run it "
                                                 "with plateau-cli run --shard I/N)");
            return false;
        }
        if (const ShardMerger::Input* seen = byIndex.value(shard.index)) {
            if (seen->result.shard.runStartWallMs != shard.runStartWallMs ||
                seen->result.startedAt != input.result.startedAt) {
                *error = QStringLiteral("shard %1 comes from two different runs: %2 and %3")
                             .arg(shard.index)
                             .arg(seen->file, input.file);
                return false;
            }
            warnings->append(QStringLiteral("%1: shard %2 was given already (%3); counted once")
                                 .arg(input.file)
                                 .arg(shard.index)
                                 .arg(seen->file));
            continue;
        }
        byIndex.insert(shard.index, &input);
    }
    for (const ShardMerger::Input* input : std::as_const(byIndex))
        shards->append(*input);
    return true;
}

bool consistent(const QList<ShardMerger::Input>& shards, QString* error) {
    const ShardMerger::Input& first = shards.constFirst();
    const int count = first.result.shard.count;
    for (const ShardMerger::Input& input : shards) {
        QString what;
        if (input.result.shard.count != count) {
            *error = QStringLiteral("%1 is a shard of %2, %3 one of %4: not the same run")
                         .arg(input.file)
                         .arg(input.result.shard.count)
                         .arg(first.file)
                         .arg(count);
            return false;
        }
        if (!samePlan(first.result.profile, input.result.profile, &what) ||
            input.result.shard.startAtMs != first.result.shard.startAtMs) {
            *error = QStringLiteral("%1 and %2 disagree on the %3: shards of one run share it")
                         .arg(first.file, input.file,
                              what.isEmpty() ? QStringLiteral("start time") : what);
            return false;
        }
    }
    QStringList missing;
    for (int i = 0; i < count; ++i) {
        if (std::none_of(shards.begin(), shards.end(),
                         [i](const ShardMerger::Input& s) { return s.result.shard.index == i; }))
            missing.append(QString::number(i));
    }
    if (!missing.isEmpty()) {
        *error = QStringLiteral("shard %1 of %2 is missing: merge needs every shard's result or "
                                "journal")
                     .arg(missing.join(QStringLiteral(", ")))
                     .arg(count);
        return false;
    }
    return true;
}

bool sameLevels(const QList<ShardMerger::Input>& shards, QString* error) {
    QSet<int> all;
    for (const ShardMerger::Input& input : shards)
        for (const LevelRunInfo& level : input.result.levels)
            all.insert(level.index);
    for (const ShardMerger::Input& input : shards) {
        for (int index : std::as_const(all)) {
            if (std::none_of(input.result.levels.begin(), input.result.levels.end(),
                             [index](const LevelRunInfo& l) { return l.index == index; })) {
                *error = QStringLiteral("shard %1 (%2) has no level %3 that other shards ran "
                                        "(it stopped early?)")
                             .arg(input.result.shard.index)
                             .arg(input.file)
                             .arg(index + 1);
                return false;
            }
        }
    }
    return true;
}

ClockOffset clockOf(const ShardInfo& shard, const QMap<int, double>& overrides,
                    QStringList* warnings, const QString& file) {
    if (overrides.contains(shard.index))
        return {overrides.value(shard.index), 0.0, QStringLiteral("override")};
    if (!shard.clock.isKnown()) {
        warnings->append(file + QStringLiteral(": no clock offset estimate (the endpoint sent no "
                                               "Date header); its clock is taken as right"));
        return {0.0, -1.0, QStringLiteral("none")};
    }
    return shard.clock;
}

// Every shard's records on one clock: its wall-clock run start, corrected by its offset; the
// earliest shard's start is the merged run's origin.
struct OneClock {
    QList<ClockOffset> clocks; // per shard, as applied
    double originMs = 0.0;
};

OneClock oneClock(const QList<ShardMerger::Input>& shards, const QMap<int, double>& overrides,
                  QStringList* warnings) {
    OneClock c;
    for (qsizetype i = 0; i < shards.size(); ++i) {
        const ShardInfo& shard = shards.at(i).result.shard;
        c.clocks.append(clockOf(shard, overrides, warnings, shards.at(i).file));
        const double startMs = double(shard.runStartWallMs) + c.clocks.last().offsetMs;
        c.originMs = i == 0 ? startMs : std::min(c.originMs, startMs);
    }
    return c;
}

// The merged result's frame: the first shard's plan and endpoint, started at the origin.
RunResult mergedFrame(const RunResult& first, double originMs) {
    RunResult merged;
    merged.runStartNs = ResultsJson::loadedRunStartNs;
    merged.profile = first.profile;
    merged.profile.plan.shard.index = 0;
    merged.endpointUrl = first.endpointUrl;
    merged.startedAt = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(originMs)), Qt::UTC);
    merged.stopReason = StopReason::Completed;
    merged.shard = first.shard;
    merged.shard.index = 0;
    merged.shard.merged = true;
    merged.shard.runStartWallMs = qint64(std::llround(originMs));
    merged.shard.clock = {0.0, 0.0, QStringLiteral("merged")};
    return merged;
}

// Each shard's levels and records moved onto the merged clock, grouped by level; its own
// figures kept in merged->shard.shards.
struct ByLevel {
    QMap<int, QList<LevelRunInfo>> infos;
    QMap<int, QList<RequestRecord>> records;
};

ByLevel collect(const QList<ShardMerger::Input>& shards, const OneClock& clock, RunResult* merged) {
    ByLevel by;
    quint64 nextId = 1;
    for (qsizetype i = 0; i < shards.size(); ++i) {
        const RunResult& r = shards.at(i).result;
        const double fromOriginMs =
            double(r.shard.runStartWallMs) + clock.clocks.at(i).offsetMs - clock.originMs;
        const qint64 shift =
            merged->runStartNs + qint64(std::llround(fromOriginMs * 1e6)) - r.runStartNs;
        for (const LevelRunInfo& info : r.levels)
            by.infos[info.index].append(shifted(info, shift));
        for (const RequestRecord& record : r.records) {
            RequestRecord moved = shifted(record, shift);
            moved.id = nextId++; // shard ids repeat; the merged run's are its own
            by.records[moved.level].append(moved);
        }
        if (r.stopReason != StopReason::Completed && merged->stopReason == StopReason::Completed)
            merged->stopReason = r.stopReason;
        merged->cancelled = merged->cancelled || r.cancelled;
        merged->shard.shards.append({r.shard.index, r.startedAt.toString(Qt::ISODateWithMs),
                                     shards.at(i).file, clock.clocks.at(i), r.summary.levels});
    }
    return by;
}

// One shard short of client capacity makes the merged level so too, with every shard's reason.
void keepClientBound(const QList<MergedShard>& shards, LevelSummary* summary) {
    for (const MergedShard& shard : shards) {
        for (const LevelSummary& own : shard.levels) {
            if (own.index != summary->index || !own.clientBound)
                continue;
            summary->clientBound = true;
            const QString why =
                QStringLiteral("shard %1: %2").arg(shard.index).arg(own.clientBoundReason);
            summary->clientBoundReason =
                summary->clientBoundReason.isEmpty()
                    ? why
                    : summary->clientBoundReason + QStringLiteral("; ") + why;
        }
    }
}

// Every level aggregated again from the union of the shards' records.
void aggregate(const ByLevel& by, RunResult* merged) {
    QList<LevelSummary> summaries;
    for (auto it = by.infos.cbegin(); it != by.infos.cend(); ++it) {
        const LevelRunInfo info = combined(it.value());
        merged->levels.append(info);
        const QList<RequestRecord> records = by.records.value(it.key());
        LevelSummary summary =
            LevelAggregator::summarize(info, records, merged->profile.budget, merged->runStartNs);
        keepClientBound(merged->shard.shards, &summary);
        summaries.append(summary);
        merged->records.append(records);
    }
    merged->summary = SweepAggregator::summarize(summaries, merged->profile.budget,
                                                 merged->profile.plan.plateauGainThreshold);
}
} // namespace

std::optional<RunResult> ShardMerger::merge(const QList<Input>& inputs,
                                            const QMap<int, double>& clockOverridesMs,
                                            QStringList* warnings, QString* error) {
    if (inputs.isEmpty()) {
        *error = QStringLiteral("nothing to merge");
        return std::nullopt;
    }
    QList<Input> shards;
    if (!distinctShards(inputs, &shards, warnings, error) || !consistent(shards, error) ||
        !sameLevels(shards, error))
        return std::nullopt;
    const OneClock clock = oneClock(shards, clockOverridesMs, warnings);
    RunResult merged = mergedFrame(shards.constFirst().result, clock.originMs);
    aggregate(collect(shards, clock, &merged), &merged);
    return merged;
}
