#pragma once

#include "profile/profile.h"
#include "results/runresult.h"

#include <QObject>
#include <QString>

class ChartsPanel;
class FileWork;
class ProfileEditor;
class QAction;
class QMenu;
class QWidget;
class RecentFiles;
class RunCollection;

// The File menu's work: the profile document (path, saved state, unsaved-changes
// prompt), opening profiles or results, saving, exporting results and charts. Each
// operation has a non-interactive form (path given, error returned) that the dialogs
// wrap, so tests and the command line use the same code.
class FileActions : public QObject {
    Q_OBJECT
public:
    FileActions(ProfileEditor* editor, RunCollection* runs, ChartsPanel* charts, QWidget* window);

    // The actions, with standard shortcuts, for the menu bar and toolbar.
    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    QAction* saveResultsAction() const { return m_saveResults; }
    QAction* exportCsvAction() const { return m_exportCsv; }
    QAction* exportChartAction() const { return m_exportChart; }
    QAction* copyChartAction() const { return m_copyChart; }
    QMenu* recentMenu() const { return m_recentMenu; }
    RecentFiles* recentFiles() const { return m_recent; }
    FileWork* fileWork() const { return m_work; } // the results files being read or written

    QString profilePath() const { return m_path; }
    bool isModified() const;
    QString documentName() const; // the profile's name, or the file name

    // Non-interactive forms: false + a one-line message on failure.
    bool openFile(const QString& path, QString* error); // profile or results
    bool saveProfileTo(const QString& path, QString* error);
    bool saveResultsTo(const QString& path, QString* error) const; // the current run
    bool exportCsvTo(const QString& path, QString* error) const;
    // Marks the editor's profile as the saved state (a new or freshly loaded document).
    void setDocument(const Profile& profile, const QString& path);

    // Interactive forms (dialogs). A results file is opened, saved or exported on a worker
    // thread: these return at once, and the run comes with resultsOpened, an error with a
    // message box, when it is done. A second open of a file being opened is ignored.
    void openInteractive(const QString& path);         // shows a message box on error
    void saveResultsInBackground(const QString& path); // the current run
    void exportCsvInBackground(const QString& path);
    bool maybeSave(); // false if the user cancelled
    bool save();
    bool saveAs();

    void updateActions(bool running);

Q_SIGNALS:
    void documentChanged(); // path, saved state or name changed: update the title
    void resultsOpened(int runId);

private:
    void newDocument();
    void open();
    void saveResults();
    void exportCsv();
    void exportChart();
    QString askSavePath(const QString& title, const QString& suggested, const QString& filter);
    void rememberDirectory(const QString& path);
    void openResultsInBackground(const QString& path);
    void addOpenedRun(const QString& path, const RunResult& result);
    void showOpenError(const QString& path, const QString& error);
    // Runs `write` (ResultsJson::save or CsvExporter::save) of the current run on the worker;
    // a failure is a message box titled `failedTitle` as soon as it is known.
    using Writer = bool (*)(const RunResult&, const QString&, QString*);
    void writeInBackground(const QString& path, Writer write, const QString& failedTitle,
                           bool remember);

    ProfileEditor* m_editor;
    RunCollection* m_runs;
    ChartsPanel* m_charts;
    QWidget* m_window;
    QString m_path;
    Profile m_saved;
    QAction* m_new;
    QAction* m_open;
    QAction* m_save;
    QAction* m_saveAs;
    QAction* m_saveResults;
    QAction* m_exportCsv;
    QAction* m_exportChart;
    QAction* m_copyChart;
    QMenu* m_recentMenu;
    RecentFiles* m_recent;
    FileWork* m_work;
};
