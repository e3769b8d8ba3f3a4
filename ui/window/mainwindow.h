#pragma once

#include "results/runresult.h"

#include <QMainWindow>

class ChartsPanel;
class FileActions;
class ProfileEditor;
class QAction;
class QDockWidget;
class RefineControls;
class ResultsPanel;
class RunCollection;
class RunController;
class RunStatusWidget;
class WarningBanner;

// Plateau's window: the profile editor (left dock), the live charts with the warning
// banner (centre), the summary and tables (bottom dock), the run toolbar and status bar.
// It wires the parts together; the work lives in them (RunController, FileActions, ...).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a profile or a results file (command line, drop). Message box on error.
    void openPath(const QString& path);

    ProfileEditor* profileEditor() const { return m_editor; }
    ChartsPanel* charts() const { return m_charts; }
    ResultsPanel* results() const { return m_results; }
    RunCollection* runs() const { return m_runs; }
    RunController* runController() const { return m_controller; }
    FileActions* fileActions() const { return m_files; }
    WarningBanner* banner() const { return m_banner; }
    RunStatusWidget* runStatus() const { return m_status; }
    RefineControls* refineControls() const { return m_refine; }
    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }

public Q_SLOTS:
    void startRun();
    void stopRun();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildDocks();
    void connectParts();
    void updateTitle();
    void updateRunActions();
    void scheduleChartRefresh();
    void onRunFinished(int runId, const RunResult& result);
    void showAbout();
    void showNamingLegend();

    RunCollection* m_runs;
    ChartsPanel* m_charts;
    WarningBanner* m_banner;
    ProfileEditor* m_editor;
    ResultsPanel* m_results;
    RunController* m_controller;
    FileActions* m_files = nullptr;
    RefineControls* m_refine = nullptr;
    RunStatusWidget* m_status;
    QDockWidget* m_profileDock = nullptr;
    QDockWidget* m_resultsDock = nullptr;
    QAction* m_start = nullptr;
    QAction* m_stop = nullptr;
    QAction* m_quit = nullptr;
    int m_noticeCount = 0;
    bool m_chartRefreshPending = false;
};
