#pragma once

#include "load/levelspec.h"
#include "record/requestrecord.h"
#include "sweep/runprogress.h"

#include <QList>

// Builds the RunProgress snapshot on the engine thread: counts, the per-second timeline
// of the current level (tokens/s from the network threads' content-event counter, and
// in-flight), the live rate over the last second, and an ETA from the plan.
// Tokens here are content events (what is known live); the level summary has the exact
// usage-based counts.
class ProgressTracker {
public:
    void beginRun(const QList<LevelSpec>& levels);
    // A level appended to the plan while it runs (refine).
    void addLevel(const LevelSpec& level);
    void beginLevel(int index, qint64 startNs, qint64 contentEvents);
    void onRecord(const RequestRecord& record);
    void endLevel(qint64 nowNs);
    // Periodic (a few Hz): samples the counters.
    void tick(qint64 nowNs, qint64 contentEvents, int inFlight);
    // An "until stable" level's state (cleared by beginLevel); its time left replaces the
    // plan's for the current level in the ETA.
    void setStability(const RunProgress::Stability& stability);

    RunProgress snapshot() const { return m_progress; }

private:
    double estimateLevelSeconds(const LevelSpec& spec) const;
    double remainingSeconds(qint64 nowNs) const;

    QList<LevelSpec> m_levels;
    RunProgress m_progress;
    qint64 m_levelStartNs = -1;
    int m_finishedThisLevel = 0; // warm-up included
    double m_e2eSumS = 0.0;
    int m_e2eCount = 0;
    double m_lastLevelMeanE2eS = -1.0;
    qint64 m_nextSecondNs = -1;
    qint64 m_eventsAtSecond = 0;
    qint64 m_inputsDone = 0; // embeddings inputs answered, whole run
    // The counters over the last second: content events (streamed tokens) and embeddings
    // inputs (known only as each request ends).
    struct Sample {
        qint64 ns = 0;
        qint64 contentEvents = 0;
        qint64 inputs = 0;
    };
    QList<Sample> m_recent;
};
