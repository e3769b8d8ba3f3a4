#include "results/shardinfojson.h"

#include <QDateTime>
#include <QJsonArray>
#include <cmath>

namespace {
QString wallText(double ms) {
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(ms)), Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

QJsonArray scheduleJson(const ShardInfo& shard, const QList<LevelRunInfo>& levels,
                        qint64 runStartNs) {
    QJsonArray schedule;
    for (const LevelRunInfo& level : levels) {
        const double started = ShardInfoJson::levelStartWallMs(shard, level, runStartNs);
        if (started < 0)
            continue;
        QJsonObject entry{{QStringLiteral("level"), level.index},
                          {QStringLiteral("started"), wallText(started)}};
        if (shard.startAtMs >= 0) { // late by the drain of the level before, or a slow start
            const double planned = double(shard.startAtMs) + level.index * shard.slotS * 1000.0;
            entry.insert(QStringLiteral("planned_start"), wallText(planned));
            entry.insert(QStringLiteral("lateness_ms"), std::round((started - planned) * 10) / 10);
        }
        schedule.append(entry);
    }
    return schedule;
}

QJsonArray shardsJson(const QList<MergedShard>& shards) {
    QJsonArray array;
    for (const MergedShard& shard : shards) {
        QJsonArray levels;
        for (const LevelSummary& level : shard.levels)
            levels.append(level.toJson());
        array.append(QJsonObject{{QStringLiteral("index"), shard.index},
                                 {QStringLiteral("started_at"), shard.startedAt},
                                 {QStringLiteral("file"), shard.file},
                                 {QStringLiteral("clock"), ShardInfoJson::clockToJson(shard.clock)},
                                 {QStringLiteral("levels"), levels}});
    }
    return array;
}

QList<MergedShard> shardsFromJson(const QJsonArray& array) {
    QList<MergedShard> shards;
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        MergedShard shard;
        shard.index = object.value(QStringLiteral("index")).toInt();
        shard.startedAt = object.value(QStringLiteral("started_at")).toString();
        shard.file = object.value(QStringLiteral("file")).toString();
        shard.clock =
            ShardInfoJson::clockFromJson(object.value(QStringLiteral("clock")).toObject());
        for (const QJsonValue& level : object.value(QStringLiteral("levels")).toArray())
            shard.levels.append(LevelSummary::fromJson(level.toObject()));
        shards.append(shard);
    }
    return shards;
}
} // namespace

double ShardInfoJson::levelStartWallMs(const ShardInfo& shard, const LevelRunInfo& level,
                                       qint64 runStartNs) {
    if (shard.runStartWallMs < 0 || level.startNs < 0 || runStartNs < 0)
        return -1;
    return double(shard.runStartWallMs) + double(level.startNs - runStartNs) / 1e6 +
           (shard.clock.isKnown() ? shard.clock.offsetMs : 0.0);
}

QJsonObject ShardInfoJson::clockToJson(const ClockOffset& clock) {
    return {{QStringLiteral("offset_ms"), clock.offsetMs},
            {QStringLiteral("uncertainty_ms"), clock.uncertaintyMs},
            {QStringLiteral("source"), clock.source}};
}

ClockOffset ShardInfoJson::clockFromJson(const QJsonObject& object) {
    ClockOffset clock;
    clock.offsetMs = object.value(QStringLiteral("offset_ms")).toDouble(0.0);
    clock.uncertaintyMs = object.value(QStringLiteral("uncertainty_ms")).toDouble(-1.0);
    clock.source = object.value(QStringLiteral("source")).toString();
    if (!std::isfinite(clock.offsetMs) || !std::isfinite(clock.uncertaintyMs))
        clock = ClockOffset{};
    return clock;
}

QJsonObject ShardInfoJson::toJson(const ShardInfo& shard, const QList<LevelRunInfo>& levels,
                                  qint64 runStartNs) {
    QJsonObject object{{QStringLiteral("index"), shard.index},
                       {QStringLiteral("count"), shard.count},
                       {QStringLiteral("level_gap_s"), shard.levelGapS},
                       {QStringLiteral("slot_s"), shard.slotS},
                       {QStringLiteral("run_start_wall_ms"), shard.runStartWallMs},
                       {QStringLiteral("clock"), clockToJson(shard.clock)},
                       {QStringLiteral("merged"), shard.merged}};
    if (shard.startAtMs >= 0)
        object.insert(QStringLiteral("start_at"), wallText(double(shard.startAtMs)));
    if (!levels.isEmpty())
        object.insert(QStringLiteral("schedule"), scheduleJson(shard, levels, runStartNs));
    if (shard.merged)
        object.insert(QStringLiteral("shards"), shardsJson(shard.shards));
    return object;
}

ShardInfo ShardInfoJson::fromJson(const QJsonObject& object) {
    ShardInfo shard;
    shard.index = object.value(QStringLiteral("index")).toInt();
    shard.count = object.value(QStringLiteral("count")).toInt();
    shard.levelGapS = object.value(QStringLiteral("level_gap_s")).toDouble();
    shard.slotS = object.value(QStringLiteral("slot_s")).toDouble();
    shard.runStartWallMs = object.value(QStringLiteral("run_start_wall_ms")).toInteger(-1);
    shard.clock = clockFromJson(object.value(QStringLiteral("clock")).toObject());
    shard.merged = object.value(QStringLiteral("merged")).toBool();
    const QDateTime startAt = QDateTime::fromString(
        object.value(QStringLiteral("start_at")).toString(), Qt::ISODateWithMs);
    shard.startAtMs = startAt.isValid() ? startAt.toMSecsSinceEpoch() : -1;
    if (shard.merged)
        shard.shards = shardsFromJson(object.value(QStringLiteral("shards")).toArray());
    return shard;
}
