#pragma once

#include <QWidget>

class QHBoxLayout;
class RunCollection;

// A row of toggle buttons, one per run in its colour: click to show or hide the run on
// every chart; the context menu makes a run the current one (the tables follow it) or
// drops a finished run from the comparison. Keyboard-reachable, unlike legend markers.
class RunLegendBar : public QWidget {
    Q_OBJECT
public:
    explicit RunLegendBar(RunCollection* runs, QWidget* parent = nullptr);

    void rebuild();

private:
    void showMenu(int runId, const QPoint& globalPos);

    RunCollection* m_runs;
    QHBoxLayout* m_layout;
};
