#pragma once

#include "profile/shardsettings.h"
#include "profile/sweepplan.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// The plan's "shard" object (issue 15), kept apart from the rest of the profile format:
//   {"index": 0, "count": 4, "start_at": "2026-12-06T08:00:00Z", "level_gap_s": 5}
// start_at is ISO 8601 UTC or unix seconds (a number or its text); every field but count is
// optional. A plan without it reads and writes as before.
class ShardJson {
public:
    static QJsonObject toJson(const ShardSettings& shard);
    // path: where the object sits ("plan.shard"), for messages.
    static bool fromJson(const QJsonObject& object, const QString& path, ShardSettings* shard,
                         QString* error);
    // "2026-12-06T08:00:00Z", "2026-12-06T08:00:00.250+01:00" or unix seconds ("1796544000",
    // "1796544000.5"): ms since the epoch, or -1 with a message (years 2000..2200 only).
    static qint64 parseStartAt(const QString& text, QString* error);
    static QString startAtText(qint64 ms); // ISO 8601 UTC with ms
    // "I/N" (the CLI's --shard): false with a message when malformed or out of bounds.
    static bool parseIndexCount(const QString& text, int* index, int* count, QString* error);
    // What a sharded plan cannot do, as (field, message) pairs for the validator: bounds, a
    // wall-clock schedule that needs duration-bound levels, until-stable and refine (their
    // decisions would differ from shard to shard).
    static QList<QPair<QString, QString>> problems(const SweepPlan& plan);
};
