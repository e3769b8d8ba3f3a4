#pragma once

#include <QWidget>

class ErrorsModel;
class LevelTableModel;
class QChartView;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeView;
class RequestScatterChart;
class RequestSortProxy;
class RequestTableModel;
class RunCollection;
class RunsList;

// Below the charts: the plain-language summary of the current run, then tabs with the
// per-level table (sortable), the requests of the selected level (a table, or scatter views:
// TTFT vs input tokens, e2e vs output tokens, TTFT by conversation turn), the errors, and
// the runs list for comparison.
class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    enum Tab { LevelsTab, RequestsTab, ErrorsTab, RunsTab };
    // How the Requests tab shows the level's requests.
    enum RequestDisplay { RequestTable, TtftVsInputScatter, E2eVsOutputScatter, TtftByTurnScatter };

    explicit ResultsPanel(RunCollection* runs, QWidget* parent = nullptr);

    // Selects the level's row and lists its requests (from a chart click).
    void selectLevel(int levelIndex);
    int selectedLevel() const;
    // A new run starts: the request table follows the running level until a row is picked.
    void followLiveLevel();

    QString summary() const;
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* levelView() const { return m_levelView; }
    QTableView* requestView() const { return m_requestView; }
    QTreeView* errorsView() const { return m_errorsView; }
    LevelTableModel* levelModel() const { return m_levelModel; }
    RequestTableModel* requestModel() const { return m_requestModel; }
    RequestSortProxy* requestProxy() const { return m_requestProxy; }
    ErrorsModel* errorsModel() const { return m_errorsModel; }
    RunsList* runsList() const { return m_runsList; }
    void setRequestDisplay(RequestDisplay display);
    QComboBox* requestDisplayBox() const { return m_requestDisplay; }
    RequestScatterChart* requestScatter() const { return m_scatter; }

Q_SIGNALS:
    void levelSelected(int runId, int levelIndex); // picked in the level table

private:
    void updateSummary();
    void updateTabTitles();
    void onLevelRowChanged();
    void setRequestLevel(int levelIndex);
    QWidget* buildRequestsPage();
    void updateScatter();

    RunCollection* m_runs;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    LevelTableModel* m_levelModel;
    QSortFilterProxyModel* m_levelProxy;
    QTableView* m_levelView;
    RequestTableModel* m_requestModel;
    RequestSortProxy* m_requestProxy;
    QTableView* m_requestView;
    QComboBox* m_requestDisplay = nullptr;
    QLabel* m_sorting = nullptr; // "Sorting N requests…" while a worker sorts the table
    QStackedWidget* m_requestStack = nullptr;
    RequestScatterChart* m_scatter = nullptr;
    QChartView* m_scatterView = nullptr;
    ErrorsModel* m_errorsModel;
    QSortFilterProxyModel* m_errorsProxy;
    QTreeView* m_errorsView;
    RunsList* m_runsList;
    bool m_followLive = true;
    bool m_selecting = false;
};
