#pragma once

#include "results/runresult.h"
#include "sweep/sweeprunner.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class RunCollection;

// More points on a finished run's curve (issue 13): Refine bisects between the heaviest level
// that met the latency budget and the lightest that broke it (the engine's RefineSearch, up to
// the plan's refine.maxLevels extra levels), or measures the whole concurrencies either side
// of the knee; measureAt() measures one load the user picked on the chart. Each extra level is
// a one-level run of the same profile, appended to the SAME run (RunContinuation), so the
// charts redraw its curve with the new points in load order. Each extra level journals to a
// new file beside the GUI's runs (RunController::newJournalPath), so a crash during refine
// loses nothing (`plateau-cli recover` rebuilds it). A run loaded from a results file is
// continued too: its endpoint is measured now and the new level is put after the run's end
// on its clock (RunContinuation::rebase).
class RefineRun : public QObject {
    Q_OBJECT
public:
    enum class Target { BudgetBoundary, Knee };

    explicit RefineRun(RunCollection* runs, QObject* parent = nullptr);
    ~RefineRun() override;

    // Why no level can be added to the run now (it is running, has no level...); "" if none.
    QString runProblem(int runId) const;
    // Why the run cannot be refined toward `target` now; "" when it can.
    QString unavailableReason(int runId, Target target) const;
    bool refine(int runId, Target target);  // false: unavailableReason says why
    bool measureAt(int runId, double load); // one level at this concurrency (or rate)
    bool isRunning() const { return m_runner != nullptr; }
    int runId() const { return m_runId; }
    QString lastJournalPath() const { return m_journalPath; } // the latest extra level's
    void stop();

    // The next load Refine would measure for `target`; none when there is nothing to refine.
    std::optional<double> nextLoad(const RunResult& run, Target target, QString* why) const;

Q_SIGNALS:
    void runningChanged(bool running);
    void levelAdded(int runId, const QString& label); // "c=24"
    void finished(int runId, const QString& message); // what was found, or why it stopped

private:
    void measure(double load);
    void onLevelMeasured(const RunResult& more);
    void finish(const QString& message);

    RunCollection* m_runs;
    QPointer<SweepRunner> m_runner;
    int m_runId = -1;
    std::optional<Target> m_target; // none: a single measureAt() level
    int m_levelsAdded = 0;
    bool m_stopping = false;
    QString m_journalPath;
};
