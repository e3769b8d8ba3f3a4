#include "results/repeatsjson.h"

#include "results/levelruninfojson.h"

#include <QJsonArray>

namespace {
constexpr int kMaxRepetitions = 1000; // a hand-edited file must not allocate the world

QJsonArray levelsToJson(const RunRepetition& rep) {
    QJsonArray levels;
    for (const LevelSummary& summary : rep.summary.levels) {
        QJsonObject level = summary.toJson();
        for (const LevelRunInfo& info : rep.levels) {
            if (info.index == summary.index)
                level.insert(QStringLiteral("run_info"),
                             LevelRunInfoJson::toResultsJson(info, rep.runStartNs));
            if (info.index == summary.index && !info.stability.ended.isEmpty())
                level.insert(QStringLiteral("stability"), LevelRunInfoJson::stabilityToJson(info));
        }
        levels.append(level);
    }
    return levels;
}

QJsonObject repetitionToJson(const RunRepetition& rep) {
    return {
        {QStringLiteral("repetition"), rep.number},
        {QStringLiteral("started_at"), rep.startedAt.isValid()
                                           ? QJsonValue(rep.startedAt.toString(Qt::ISODateWithMs))
                                           : QJsonValue()},
        {QStringLiteral("seed"), QString::number(rep.seed)},
        {QStringLiteral("stop_reason"), StopReasons::key(rep.stopReason)},
        {QStringLiteral("cancelled"), rep.cancelled},
        {QStringLiteral("journal"), rep.journalPath},
        {QStringLiteral("plateau"), rep.summary.plateau.toJson()},
        {QStringLiteral("best_in_budget"), rep.summary.budget.toJson()},
        {QStringLiteral("levels"), levelsToJson(rep)},
    };
}

RunRepetition repetitionFromJson(const QJsonObject& object, qint64 runStartNs, int number) {
    RunRepetition rep;
    rep.number = number;
    rep.runStartNs = runStartNs;
    rep.startedAt = QDateTime::fromString(object.value(QStringLiteral("started_at")).toString(),
                                          Qt::ISODateWithMs);
    rep.seed = object.value(QStringLiteral("seed")).toString().toULongLong();
    rep.stopReason = StopReasons::fromKey(object.value(QStringLiteral("stop_reason")).toString());
    rep.cancelled = object.value(QStringLiteral("cancelled")).toBool();
    rep.journalPath = object.value(QStringLiteral("journal")).toString();
    rep.summary.plateau =
        PlateauResult::fromJson(object.value(QStringLiteral("plateau")).toObject());
    rep.summary.budget =
        BudgetResult::fromJson(object.value(QStringLiteral("best_in_budget")).toObject());
    const QJsonArray levels = object.value(QStringLiteral("levels")).toArray();
    for (const QJsonValue& value : levels) {
        const QJsonObject level = value.toObject();
        const LevelSummary summary = LevelSummary::fromJson(level);
        rep.summary.levels.append(summary);
        LevelRunInfo info = LevelRunInfoJson::fromResultsJson(
            level.value(QStringLiteral("run_info")).toObject(), runStartNs);
        info.index = summary.index;
        info.stability =
            LevelRunInfoJson::stabilityFromJson(level.value(QStringLiteral("stability")));
        rep.levels.append(info);
    }
    return rep;
}
} // namespace

void RepeatsJson::addTo(const RunResult& result, QJsonObject* object) {
    if (result.repeats.isEmpty())
        return;
    QJsonArray repeats;
    for (const RunRepetition& rep : result.repeats)
        repeats.append(repetitionToJson(rep));
    object->insert(QStringLiteral("repeats"), repeats);
    if (result.betweenRuns.isEmpty())
        return;
    object->insert(
        QStringLiteral("between_runs"),
        QJsonObject{{QStringLiteral("runs"), result.betweenRuns.runs},
                    {QStringLiteral("plateau_tps"), result.betweenRuns.plateauTps.toJson()}});
    QJsonArray levels = object->value(QStringLiteral("levels")).toArray();
    for (qsizetype i = 0; i < levels.size() && i < result.summary.levels.size(); ++i) {
        const BetweenRuns::Level* between = result.betweenRuns.level(result.summary.levels.at(i));
        if (!between)
            continue;
        QJsonObject level = levels.at(i).toObject();
        level.insert(QStringLiteral("between_runs"), between->toJson());
        levels.replace(i, level);
    }
    object->insert(QStringLiteral("levels"), levels);
}

void RepeatsJson::readInto(const QJsonObject& object, qint64 runStartNs, RunResult* result) {
    const QJsonArray repeats = object.value(QStringLiteral("repeats")).toArray();
    for (qsizetype i = 0; i < repeats.size() && i < kMaxRepetitions; ++i)
        result->repeats.append(
            repetitionFromJson(repeats.at(i).toObject(), runStartNs, int(i) + 1));
    const QJsonObject between = object.value(QStringLiteral("between_runs")).toObject();
    const int runs = qBound(0, between.value(QStringLiteral("runs")).toInt(), kMaxRepetitions);
    if (runs < 2)
        return;
    result->betweenRuns.runs = runs;
    result->betweenRuns.plateauTps =
        BetweenRunFigure::fromJson(between.value(QStringLiteral("plateau_tps")).toObject(), runs);
    const QJsonArray levels = object.value(QStringLiteral("levels")).toArray();
    for (qsizetype i = 0; i < levels.size() && i < result->summary.levels.size(); ++i) {
        const QJsonValue level = levels.at(i).toObject().value(QStringLiteral("between_runs"));
        if (level.isObject())
            result->betweenRuns.levels.append(
                BetweenRuns::Level::fromJson(level.toObject(), result->summary.levels.at(i)));
    }
}
