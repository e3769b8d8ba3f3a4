#pragma once

#include <QWidget>

class CompareView;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class RunCollection;

// The runs of this session and the result files opened for comparison: a check box shows
// or hides each on the charts, a swatch shows its colour, the selected one feeds the
// tables, and Remove drops it. Two selected finished runs can be compared (CompareView).
class RunsList : public QWidget {
    Q_OBJECT
public:
    explicit RunsList(RunCollection* runs, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    QPushButton* compareButton() const { return m_compare; }
    // The two selected runs in list order (the first is the base), or empty.
    QList<int> comparedRuns() const;
    void compareSelected();
    // Opens the compare view on two runs of the list (an interleaved run's A and B).
    void compareRuns(int baseId, int candidateId);

Q_SIGNALS:
    void compareOpened(CompareView* view); // tests and screenshots

private:
    void rebuild();
    void updateRow(int runId);
    void followCurrent(int runId);
    QTreeWidgetItem* runRow(int runId) const; // the run's top-level row
    void removeSelected();
    void updateCompareButton();

    RunCollection* m_runs;
    QTreeWidget* m_tree;
    QPushButton* m_remove;
    QPushButton* m_compare;
    bool m_rebuilding = false;
};
