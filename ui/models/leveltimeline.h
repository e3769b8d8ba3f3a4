#pragma once

#include "results/runresult.h"
#include "sweep/runprogress.h"

#include <QList>

// Rebuilds a finished level's per-second timeline (tokens/s, requests in flight) from its
// records, so the timeline chart also works after a run and for result files. Points have
// the live timeline's meaning: secondsIntoLevel is the end of the second.
class LevelTimeline {
public:
    // At most this many seconds are drawn; a longer level is cut (a chart cannot show more).
    static constexpr int MaxSeconds = 3600;

    static QList<RunProgress::TimelinePoint> build(const RunResult& result, int levelIndex);
};
