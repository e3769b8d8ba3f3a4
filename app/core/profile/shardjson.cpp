#include "profile/shardjson.h"

#include "profile/jsonfieldreader.h"

#include <QDateTime>
#include <QRegularExpression>
#include <cmath>

namespace {
// Years 2000..2200: anything else is a typo (or a unix time in ms).
constexpr qint64 kEarliestMs = 946684800000LL;
constexpr qint64 kLatestMs = 7258118400000LL;

QString boundsText() {
    return QStringLiteral("must be between 2000-01-01 and 2200-01-01 UTC");
}
} // namespace

QJsonObject ShardJson::toJson(const ShardSettings& shard) {
    QJsonObject object{
        {QStringLiteral("index"), shard.index},
        {QStringLiteral("count"), shard.count},
        {QStringLiteral("level_gap_s"), shard.levelGapS},
    };
    if (shard.hasSchedule())
        object.insert(QStringLiteral("start_at"), startAtText(shard.startAtMs));
    return object;
}

bool ShardJson::fromJson(const QJsonObject& object, const QString& path, ShardSettings* shard,
                         QString* error) {
    JsonFieldReader reader(object, path, error);
    ShardSettings read;
    reader.readInt(QStringLiteral("index"), &read.index, 0, ShardSettings::kMaxCount - 1);
    reader.readInt(QStringLiteral("count"), &read.count, 1, ShardSettings::kMaxCount);
    reader.readDouble(QStringLiteral("level_gap_s"), &read.levelGapS, 0,
                      ShardSettings::kMaxLevelGapS);
    const QJsonValue startAt = object.value(QStringLiteral("start_at"));
    reader.accept(QStringLiteral("start_at"));
    if (!reader.finish())
        return false;
    if (!object.contains(QStringLiteral("count"))) {
        *error = QStringLiteral("field '%1.count' is required (how many shards)").arg(path);
        return false;
    }
    if (startAt.isDouble() || startAt.isString()) {
        QString why;
        const QString text =
            startAt.isDouble() ? QString::number(startAt.toDouble(), 'f', 3) : startAt.toString();
        read.startAtMs = parseStartAt(text, &why);
        if (read.startAtMs < 0) {
            *error = QStringLiteral("field '%1.start_at' %2").arg(path, why);
            return false;
        }
    } else if (!startAt.isUndefined() && !startAt.isNull()) {
        *error = QStringLiteral("field '%1.start_at' must be a time (ISO 8601 or unix seconds)")
                     .arg(path);
        return false;
    }
    if (read.index >= read.count) {
        *error = QStringLiteral("field '%1.index' must be below count (%2 >= %3)")
                     .arg(path)
                     .arg(read.index)
                     .arg(read.count);
        return false;
    }
    *shard = read;
    return true;
}

qint64 ShardJson::parseStartAt(const QString& text, QString* error) {
    const QString trimmed = text.trimmed();
    qint64 ms = -1;
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,12}(\\.[0-9]{1,9})?$"));
    if (number.match(trimmed).hasMatch()) {
        ms = qint64(std::llround(trimmed.toDouble() * 1000.0));
    } else {
        const QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        if (!time.isValid() || time.timeSpec() == Qt::LocalTime) {
            *error = QStringLiteral("must be an ISO 8601 time with its zone "
                                    "(2026-12-06T08:00:00Z) or unix seconds, not \"%1\"")
                         .arg(trimmed.left(40));
            return -1;
        }
        ms = time.toMSecsSinceEpoch();
    }
    if (ms < kEarliestMs || ms > kLatestMs) {
        *error = boundsText();
        return -1;
    }
    return ms;
}

QString ShardJson::startAtText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool ShardJson::parseIndexCount(const QString& text, int* index, int* count, QString* error) {
    static const QRegularExpression form(QStringLiteral("^([0-9]{1,3})/([0-9]{1,3})$"));
    const QRegularExpressionMatch match = form.match(text.trimmed());
    if (!match.hasMatch()) {
        *error = QStringLiteral("--shard takes I/N (this shard's index from 0, of N shards), "
                                "not \"%1\"")
                     .arg(text.left(20));
        return false;
    }
    const int i = match.captured(1).toInt();
    const int n = match.captured(2).toInt();
    if (n < 1 || n > ShardSettings::kMaxCount || i >= n) {
        *error = QStringLiteral("--shard %1/%2: N must be 1 to %3 and I below N")
                     .arg(i)
                     .arg(n)
                     .arg(ShardSettings::kMaxCount);
        return false;
    }
    *index = i;
    *count = n;
    return true;
}

QList<QPair<QString, QString>> ShardJson::problems(const SweepPlan& plan) {
    QList<QPair<QString, QString>> found;
    const ShardSettings& shard = plan.shard;
    if (!shard.isSharded())
        return found;
    if (shard.count > ShardSettings::kMaxCount || shard.index < 0 || shard.index >= shard.count)
        found.append({QStringLiteral("plan.shard"),
                      QStringLiteral("index %1 of %2 shards: count must be 1 to %3, index below it")
                          .arg(shard.index)
                          .arg(shard.count)
                          .arg(ShardSettings::kMaxCount)});
    if (!(shard.levelGapS >= 0 && shard.levelGapS <= ShardSettings::kMaxLevelGapS))
        found.append({QStringLiteral("plan.shard.level_gap_s"),
                      QStringLiteral("must be 0 to %1 s").arg(ShardSettings::kMaxLevelGapS)});
    if (plan.untilStable.enabled)
        found.append({QStringLiteral("plan.until_stable"),
                      QStringLiteral("cannot be sharded: each shard would decide alone when its "
                                     "level is stable")});
    if (plan.refine.enabled)
        found.append({QStringLiteral("plan.refine"),
                      QStringLiteral("cannot be sharded: each shard would pick its own next "
                                     "level")});
    if (plan.repeat > 1) // one wall-clock schedule: a repetition is a second sharded run
        found.append({QStringLiteral("plan.repeat"),
                      QStringLiteral("cannot be sharded: the shards keep one wall-clock schedule; "
                                     "run the shards again (a new --start-at) for each "
                                     "repetition")});
    if (shard.hasSchedule() && !(plan.durationPerLevelS > 0))
        found.append({QStringLiteral("plan.shard.start_at"),
                      QStringLiteral("needs duration-bound levels (duration_per_level_s): a "
                                     "count-bound level has no end the shards can agree on")});
    return found;
}
