#pragma once

#include <QList>
#include <QString>
#include <QtNumeric>

// A cheap snapshot of a running sweep, for progress lines and the status bar.
struct RunProgress {
    struct TimelinePoint {
        double secondsIntoLevel = 0.0;
        double tokensPerSecond = 0.0; // output tokens that arrived in that second
        int inFlight = 0;
    };
    bool running = false;
    // A repeated run (plan.repeat > 1): the repetition running now, 1-based, and how many;
    // 0 and 0 for a single run.
    int repetition = 0;
    int repetitions = 0;
    int levelIndex = -1;
    int levelCount = 0;
    QString levelLabel;      // "c=16" / "5 rps"
    int requestsDone = 0;    // this level, warm-up excluded
    int requestsPlanned = 0; // this level; 0 when the level is duration-bound
    int inFlight = 0;
    int errors = 0; // whole run
    int errorsThisLevel = 0;
    double liveTokensPerSecond = 0.0; // over the last second
    // openai-embeddings: no tokens stream out, so the live rate is inputs answered per second.
    bool embeddings = false;
    double liveInputsPerSecond = 0.0; // over the last second
    double levelElapsedS = 0.0;
    double etaS = -1.0;            // whole sweep, -1 if unknown
    QList<TimelinePoint> timeline; // current level, one point per second

    // An "until stable" level (issue 13): the relative half-widths of its 95% intervals now
    // (NaN while there is too little data), their targets, what the latency criterion watches
    // ("TTFT p95") and the estimated seconds left in the level (-1 unknown).
    struct Stability {
        bool active = false;
        double throughputHalfWidth = qQNaN();
        double latencyHalfWidth = qQNaN();
        double throughputTarget = 0.0;
        double latencyTarget = 0.0;
        QString latencyName;
        double secondsLeft = -1.0;
    };
    Stability stability;
};
