#pragma once

#include "profile/latencybudget.h"
#include "record/levelruninfo.h"
#include "results/runresult.h"
#include "sweep/runprogress.h"

#include <QMutex>

// The state a running sweep shares between its engine thread (writer) and the thread
// that owns the SweepRunner (reader): everything behind one mutex, held only for copies
// (Qt's implicit sharing keeps those cheap).
class RunStateStore {
public:
    void begin(const RunResult& header, const RunProgress& progress);
    void openLevel(const LevelRunInfo& info);
    void appendRecord(const RequestRecord& record);
    void closeLevel(const LevelRunInfo& info, const SweepSummary& summary);
    void setProgress(const RunProgress& progress);
    // The journal's first write failure (any thread): result().journal.error.
    void setJournalError(const QString& error);
    // The server's own metrics so far (engine thread, paced by ServerMetricsSession).
    void setServerMetrics(const ServerRunMetrics& metrics);
    void finish(const RunResult& result);

    RunProgress progress() const;
    bool isRunning() const;
    // The current level's records and info (for a partial summary); false if none open.
    bool openLevelSnapshot(LevelRunInfo* info, RecordStore* records) const;
    bool openLevelSnapshot(LevelRunInfo* info, QList<RequestRecord>* records) const; // unpacked
    RunResult result() const;

private:
    mutable QMutex m_mutex;
    RunResult m_result;
    RunProgress m_progress;
    bool m_running = false;
    bool m_levelOpen = false;
    LevelRunInfo m_levelInfo;
    qsizetype m_levelFirstRecord = 0;
};
