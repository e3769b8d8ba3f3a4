#pragma once

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class RunCollection;

// The runs of this session and the result files opened for comparison: a check box shows
// or hides each on the charts, a swatch shows its colour, the selected one feeds the
// tables, and Remove drops it.
class RunsList : public QWidget {
    Q_OBJECT
public:
    explicit RunsList(RunCollection* runs, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }

private:
    void rebuild();
    void updateRow(int runId);
    void removeSelected();

    RunCollection* m_runs;
    QTreeWidget* m_tree;
    QPushButton* m_remove;
    bool m_rebuilding = false;
};
