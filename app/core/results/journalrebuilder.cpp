#include "results/journalrebuilder.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "profile/profileio.h"
#include "results/calibrationjson.h"
#include "results/levelruninfojson.h"
#include "results/recordjson.h"
#include "results/shardinfojson.h"

#include <QDateTime>
#include <algorithm>

namespace {
constexpr int kMaxLevels = 100000; // a corrupt level index must not allocate the world
}

bool JournalRebuilder::setHeader(const QJsonObject& header, QString* error) {
    std::optional<Profile> profile =
        ProfileIo::fromJson(header.value(QStringLiteral("profile")).toObject(), error);
    if (!profile)
        return false;
    m_result.profile = *profile;
    m_result.toolVersion = header.value(QStringLiteral("tool_version")).toString();
    m_result.startedAt = QDateTime::fromString(
        header.value(QStringLiteral("started_at")).toString(), Qt::ISODateWithMs);
    m_result.runStartNs = header.value(QStringLiteral("run_start_ns")).toInteger(-1);
    m_result.endpointUrl = header.value(QStringLiteral("endpoint_url")).toString();
    if (header.value(QStringLiteral("shard")).isObject())
        m_result.shard = ShardInfoJson::fromJson(header.value(QStringLiteral("shard")).toObject());
    return true;
}

bool JournalRebuilder::addLine(const QJsonObject& line) {
    const QString type = line.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("request")) {
        RequestRecord record = RecordJson::fromJournalJson(line);
        if (record.level < 0 || record.level >= kMaxLevels)
            return false;
        if (isFirstSight(record))
            m_result.records.append(record);
    } else if (type == QLatin1String("calibration_probe")) {
        const RequestRecord probe = RecordJson::fromJournalJson(line);
        if (isFirstSight(probe))
            m_result.calibration.probes.append(probe);
    } else if (type == QLatin1String("calibration")) {
        CalibrationJson::applyJournalJson(line, &m_result.calibration);
    } else if (type == QLatin1String("level_start") || type == QLatin1String("level_end")) {
        const LevelRunInfo info = LevelRunInfoJson::fromJournalJson(line);
        if (info.index < 0 || info.index >= kMaxLevels)
            return false;
        m_levels.insert(info.index, info);
        m_levelEnded.insert(info.index, type == QLatin1String("level_end"));
    } else if (type == QLatin1String("end")) {
        m_result.stopReason =
            StopReasons::fromKey(line.value(QStringLiteral("stop_reason")).toString());
        m_result.cancelled = line.value(QStringLiteral("cancelled")).toBool();
        m_ended = true;
    } else if (!m_server.addLine(type, line)) {
        return false;
    }
    return true;
}

bool JournalRebuilder::isFirstSight(const RequestRecord& record) {
    if (m_seen.emplace(record.id, record.level, record.tSendNs).second)
        return true;
    ++m_duplicates;
    return false;
}

LevelRunInfo JournalRebuilder::infoFromPlan(int index) const {
    // A level whose start line is missing (cut off, or a hand-trimmed journal): its
    // target comes from the plan the run was following.
    const SweepPlan& plan = m_result.profile.plan;
    LevelRunInfo info;
    info.index = index;
    info.isRate = plan.mode == SweepPlan::Mode::Rate;
    info.rate = info.isRate ? plan.rates.value(index, 0.0) : 0.0;
    info.concurrency = info.isRate ? plan.maxConcurrency : plan.concurrencies.value(index, 0);
    info.warmupRequests = plan.warmupRequests;
    return info;
}

namespace {
// Each level's records, packed as the run keeps them. Levels run one after another, so a
// journal holds each level's records together and each is a slice sharing the store's bytes
// (issue 17: copying them all doubled what recover held). Levels that interleave (a journal
// merged or edited by hand) are copied, each keeping its own order.
QMap<int, RecordStore> recordsByLevel(const RecordStore& records) {
    QMap<int, RecordStore> byLevel;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= records.size(); ++i) {
        const int level = records.brief(start).level;
        if (i < records.size() && records.brief(i).level == level)
            continue;
        if (byLevel.contains(level)) { // seen before: the levels interleave
            byLevel.clear();
            for (const RequestRecord& record : records)
                byLevel[record.level].append(record);
            return byLevel;
        }
        byLevel.insert(level, records.mid(start, i - start));
        start = i;
    }
    return byLevel;
}
} // namespace

RunResult JournalRebuilder::build(QStringList* notes) const {
    RunResult result = m_result;
    const QMap<int, RecordStore> byLevel = recordsByLevel(m_result.records);
    QMap<int, LevelRunInfo> levels = m_levels;
    for (auto it = byLevel.constBegin(); it != byLevel.constEnd(); ++it) {
        if (!levels.contains(it.key()))
            levels.insert(it.key(), infoFromPlan(it.key()));
    }

    QList<LevelSummary> summaries;
    for (auto it = levels.begin(); it != levels.end(); ++it) {
        LevelRunInfo& info = it.value();
        const RecordStore records = byLevel.value(it.key());
        if (!m_levelEnded.value(it.key())) {
            // Killed inside this level: what the journal holds is all there is. The level
            // ended, as far as anyone can know, with its last finished request, and
            // issuing stopped no later than that.
            info.complete = false;
            const bool knowStart = info.startNs >= 0;
            for (const RequestRecord& r : records) {
                if (!knowStart && r.tSendNs >= 0)
                    info.startNs = info.startNs < 0 ? r.tSendNs : std::min(info.startNs, r.tSendNs);
                info.endNs = std::max(info.endNs, r.tEndNs);
            }
            if (info.issueStopNs < 0 || info.issueStopNs > info.endNs)
                info.issueStopNs = info.endNs;
            notes->append(QStringLiteral("level ") + QString::number(it.key() + 1) +
                          QStringLiteral(" has no end line and is partial (") +
                          QString::number(records.size()) + QStringLiteral(" requests)"));
        }
        result.levels.append(info);
        summaries.append(LevelAggregator::summarize(info, records, m_result.profile.budget,
                                                    m_result.runStartNs));
    }
    result.summary = SweepAggregator::summarize(summaries, m_result.profile.budget,
                                                m_result.profile.plan.plateauGainThreshold);
    if (m_server.isActive()) // the same figures as the live run, from the same scrapes
        result.serverMetrics = m_server.build(result.summary.levels);
    if (!result.calibration.probes.isEmpty() && result.calibration.method.isEmpty()) {
        // Killed (or stopped) between the probes and the decision: nothing was calibrated.
        result.calibration.method = QStringLiteral("none");
        result.calibration.message =
            QStringLiteral("the run ended before prompt calibration was decided");
    }
    if (!m_ended) {
        // Killed, or its journal cut off: say so in the result itself, not only here.
        result.cancelled = true;
        result.stopReason = StopReason::Interrupted;
        notes->append(QStringLiteral("the run did not finish (no end line): it was interrupted"));
    }
    return result;
}
