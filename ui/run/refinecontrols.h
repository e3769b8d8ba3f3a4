#pragma once

#include <QToolButton>

class QAction;
class RefineRun;
class RunCollection;
class RunController;

// The Refine button by the charts (issue 13): its menu refines the current run toward the
// latency budget's met/broke boundary or around the knee, or stops; each is enabled only when
// it can do something, with the reason in its tooltip. measureAt() serves the charts'
// "Measure c=N here". Not while a sweep runs: the two would load the endpoint at once.
class RefineControls : public QToolButton {
    Q_OBJECT
public:
    RefineControls(RunCollection* runs, RunController* controller, QWidget* parent = nullptr);

    RefineRun* refineRun() const { return m_refine; }
    QAction* boundaryAction() const { return m_boundary; }
    QAction* kneeAction() const { return m_knee; }
    void measureAt(int runId, double load);

Q_SIGNALS:
    void message(const QString& text); // for the status bar

private:
    void updateActions();

    RunCollection* m_runs;
    RunController* m_controller;
    RefineRun* m_refine;
    QAction* m_boundary;
    QAction* m_knee;
    QAction* m_stop;
};
