#include "sweep/shardclock.h"

#include <QDateTime>
#include <algorithm>

qint64 ShardClock::testShiftMs() {
    static const qint64 shift = [] {
        constexpr qint64 kDayMs = 86400000;
        bool ok = false;
        const qint64 value = qEnvironmentVariableIntValue("PLATEAU_TEST_CLOCK_SHIFT_MS", &ok);
        return ok ? std::clamp(value, -kDayMs, kDayMs) : qint64(0);
    }();
    return shift;
}

qint64 ShardClock::nowMs() {
    return QDateTime::currentMSecsSinceEpoch() + testShiftMs();
}
