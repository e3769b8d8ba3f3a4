#pragma once

#include "results/runresult.h"
#include "sweep/runprogress.h"

#include <QList>
#include <QPointF>

// The server's own lines over one level (issue 12), on the level's time axis (x: seconds into
// the level, as the client's timeline): sequences running, requests waiting, KV-cache usage in
// percent and the server's generation tokens/s (its counter's rate per scrape interval).
struct ServerTimelineLines {
    QList<QPointF> running;
    QList<QPointF> waiting;
    QList<QPointF> kvPercent;
    QList<QPointF> generationTps;
    QString engine; // "vLLM", ...

    bool isEmpty() const {
        return running.isEmpty() && waiting.isEmpty() && kvPercent.isEmpty() &&
               generationTps.isEmpty();
    }
};

// Rebuilds a finished level's per-second timeline (tokens/s, requests in flight) from its
// records, so the timeline chart also works after a run and for result files. Points have
// the live timeline's meaning: secondsIntoLevel is the end of the second.
class LevelTimeline {
public:
    // At most this many seconds are drawn; a longer level is cut (a chart cannot show more).
    static constexpr int MaxSeconds = 3600;

    static QList<RunProgress::TimelinePoint> build(const RunResult& result, int levelIndex);
    // The scraped server series (RunResult::serverMetrics) that fall inside the level, from
    // its start to its end (the live level's end is "now"); empty when the run scraped none.
    static ServerTimelineLines serverLines(const RunResult& result, int levelIndex);
};
