#pragma once

#include "metrics/levelsummary.h"
#include "profile/profile.h"
#include "results/runresult.h"
#include "run/summarypacer.h"
#include "sweep/runprogress.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <optional>

class InterleaveRunner;
class RunCollection;
class SweepRunner;

// Owns the SweepRunner of the current run and feeds the UI from it on a timer (~8 Hz):
// progress() is pulled on the GUI thread (a cheap copy); result(), which summarizes the
// level in progress over all its records, runs on a helper thread, one job at a time, and
// comes back queued; a job of an earlier run or refresh generation is dropped. The live
// run in the RunCollection is then updated and the views repaint from that. Nothing is
// pushed per request or per token, and when a refresh gets expensive the interval
// stretches so the GUI thread stays mostly idle.
//
// A profile with plan.interleave_with runs through an InterleaveRunner instead (issue 13):
// two runs in the collection, "A · ..." and "B · ...", each grown level by level as its side
// finishes one, both journaled; interleavedFinished then names the pair (the window opens
// the compare view on them).
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(RunCollection* runs, QObject* parent = nullptr);
    ~RunController() override;

    bool isRunning() const { return m_running; }
    int liveRunId() const { return m_runId; }
    int partnerRunId() const { return m_partnerId; } // B of an interleaved run, else -1
    RunProgress lastProgress() const { return m_progress; }
    QString journalPath() const { return m_journalPath; }
    int refreshIntervalMs() const { return m_timer.interval(); }
    double lastRefreshMs() const { return m_lastRefreshMs; }
    // The last live summary's time on its thread (SummaryPacer rests after it).
    double lastSummaryMs() const { return m_pacer.lastSummaryMs(); }

    // AppDataLocation/runs/<yyyyMMdd-HHmmss>.jsonl (the directory is created).
    static QString newJournalPath();

public Q_SLOTS:
    // Resolves a keychain key first (asynchronously) when the endpoint uses one.
    void start(const Profile& profile);
    // Stops promptly; everything measured so far is kept (finished follows).
    void stop();

Q_SIGNALS:
    void runningChanged(bool running);
    void runStarted(int runId);
    void progressChanged(const RunProgress& progress);
    void refreshed(int runId); // the live run's data was updated (charts/tables repaint)
    void levelFinished(const LevelSummary& summary);
    void notice(const QString& text);
    void runFinished(int runId, const RunResult& result);
    void startFailed(const QString& message);
    void interleavedFinished(int runIdA, int runIdB); // after runFinished of A

private:
    // keychainSecret: the key read from the system keychain, handed to the runner directly
    // (never through the environment, where every child process would inherit it).
    void launch(const Profile& profile, const std::optional<QString>& keychainSecret);
    void refresh();
    void applyResult(int generation, RunResult result, double madeMs);
    void drainJobs(); // waits for a summary job in flight (the runner must outlive it)
    void onFinished(const RunResult& result);
    void launchInterleaved(const Profile& profile, const std::optional<QString>& keychainSecret);
    void showSide(int side); // InterleaveRunner::Side
    void onInterleavedFinished(const RunResult& a, const RunResult& b);
    int addLiveRun(const Profile& shown, const QString& prefix);
    void beginLive();

    RunCollection* m_runs;
    QPointer<SweepRunner> m_runner;
    QPointer<InterleaveRunner> m_interleave;
    Profile m_partnerProfile; // B's shown copy (its endpoint without credentials)
    int m_partnerId = -1;
    QTimer m_timer;
    Profile m_shownProfile;
    RunProgress m_progress;
    QString m_journalPath;
    int m_runId = -1;
    bool m_running = false;
    bool m_starting = false;
    double m_lastRefreshMs = 0.0;
    QThreadPool m_pool;   // one thread: the live summaries
    int m_generation = 0; // bumped when a run starts or ends: older jobs are stale
    bool m_jobPending = false;
    SummaryPacer m_pacer;
    QElapsedTimer m_clock; // the pacer's ms
};
