#include "cli/shardflags.h"

#include "profile/shardjson.h"

bool ShardFlags::apply(const QCommandLineParser& parser, const RunFlags& flags, Profile* profile,
                       QString* error) {
    ShardSettings& shard = profile->plan.shard;
    if (parser.isSet(flags.shard) &&
        !ShardJson::parseIndexCount(parser.value(flags.shard), &shard.index, &shard.count, error))
        return false;
    const bool timing = parser.isSet(flags.startAt) || parser.isSet(flags.levelGap);
    if (timing && !shard.isSharded()) {
        *error = QStringLiteral("--start-at and --level-gap need --shard I/N");
        return false;
    }
    if (parser.isSet(flags.startAt)) {
        QString why;
        shard.startAtMs = ShardJson::parseStartAt(parser.value(flags.startAt), &why);
        if (shard.startAtMs < 0) {
            *error = QStringLiteral("--start-at: ") + why;
            return false;
        }
    }
    if (parser.isSet(flags.levelGap)) {
        bool ok = false;
        const double gap = parser.value(flags.levelGap).toDouble(&ok);
        if (!ok || !(gap >= 0 && gap <= ShardSettings::kMaxLevelGapS)) {
            *error = QStringLiteral("--level-gap: \"%1\" must be 0 to %2 seconds")
                         .arg(parser.value(flags.levelGap).left(20))
                         .arg(ShardSettings::kMaxLevelGapS);
            return false;
        }
        shard.levelGapS = gap;
    }
    return true;
}
