#pragma once

#include "levelsummary.h"
#include "profile.h"
#include "runprogress.h"
#include "runresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class RunCollection;
class SweepRunner;

// Owns the SweepRunner of the current run and feeds the UI from it on a timer (~8 Hz):
// progress() and result() are pulled, the live run in the RunCollection is updated, and
// the views repaint from that. Nothing is pushed per request or per token, and when a
// refresh gets expensive the interval stretches so the GUI thread stays mostly idle.
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(RunCollection* runs, QObject* parent = nullptr);
    ~RunController() override;

    bool isRunning() const { return m_running; }
    int liveRunId() const { return m_runId; }
    RunProgress lastProgress() const { return m_progress; }
    QString journalPath() const { return m_journalPath; }
    int refreshIntervalMs() const { return m_timer.interval(); }
    double lastRefreshMs() const { return m_lastRefreshMs; }

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

private:
    void launch(const Profile& runnerProfile, const Profile& shownProfile);
    void refresh();
    void onFinished(const RunResult& result);

    RunCollection* m_runs;
    QPointer<SweepRunner> m_runner;
    QTimer m_timer;
    Profile m_shownProfile;
    RunProgress m_progress;
    QString m_journalPath;
    QString m_keyVariable; // set while a keychain key is lent to the runner
    int m_runId = -1;
    bool m_running = false;
    bool m_starting = false;
    double m_lastRefreshMs = 0.0;
};
