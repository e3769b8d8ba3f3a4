#pragma once

#include <QtGlobal>

// The wall clock a sharded run schedules its levels by: UTC ms since the epoch. Tests shift it
// with the environment variable PLATEAU_TEST_CLOCK_SHIFT_MS (a machine whose clock is that far
// ahead), so a merge can be shown to find and correct the offset; nothing else reads it.
class ShardClock {
public:
    static qint64 nowMs();
    static qint64 testShiftMs(); // 0 unless the test variable is set (bounded to +-1 day)
};
