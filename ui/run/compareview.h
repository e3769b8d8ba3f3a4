#pragma once

#include <QDialog>

class CompareModel;
class QLabel;
class QTableView;
struct RunResult;

// Two runs compared level by level (the runs list's Compare): a one-line verdict over a
// table of each main figure's Δ% with its 95% interval, coloured only where significant.
// The same statistics as `plateau-cli compare BASE.json NEW.json`.
class CompareView : public QDialog {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    void compare(const RunResult& base, const QString& baseName, const RunResult& candidate,
                 const QString& candidateName);

    CompareModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QString verdictText() const;

private:
    CompareModel* m_model;
    QLabel* m_verdict;
    QLabel* m_unmatched;
    QTableView* m_table;
};
