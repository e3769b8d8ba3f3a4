#include "window/fileactions.h"

#include "charts/chartexportdialog.h"
#include "charts/chartspanel.h"
#include "editors/profileeditor.h"
#include "models/runcollection.h"
#include "profile/profileio.h"
#include "results/csvexporter.h"
#include "results/resultsjson.h"
#include "system/appsettings.h"
#include "window/filekind.h"
#include "window/filework.h"
#include "window/recentfiles.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {
QString jsonFilter() {
    return QObject::tr("Plateau files (*.json);;All files (*)");
}

QString safeFileName(QString name) {
    static const QString forbidden = u"/\\:*?\"<>|"_s;
    for (QChar& c : name)
        if (forbidden.contains(c) || c.isSpace())
            c = u'-';
    return name.isEmpty() ? u"plateau"_s : name;
}
} // namespace

FileActions::FileActions(ProfileEditor* editor, RunCollection* runs, ChartsPanel* charts,
                         QWidget* window)
    : QObject(window)
    , m_editor(editor)
    , m_runs(runs)
    , m_charts(charts)
    , m_window(window) {
    QStyle* style = window->style();
    m_new = new QAction(tr("&New Profile"), this);
    m_new->setShortcut(QKeySequence::New);
    m_open = new QAction(style->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(
        tr("Open a profile, or a results file to compare it with this session's runs"));
    m_save =
        new QAction(style->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Profile"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs = new QAction(tr("Save Profile &As…"), this);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_saveResults = new QAction(tr("Save &Results…"), this);
    m_saveResults->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    m_exportCsv = new QAction(tr("Export Requests as &CSV…"), this);
    m_exportChart = new QAction(tr("&Export Chart…"), this);
    m_exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_copyChart = new QAction(tr("Cop&y Chart"), this);
    m_copyChart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_recentMenu = new QMenu(tr("Open &Recent"), window);
    m_recent = new RecentFiles(m_recentMenu, this);
    m_work = new FileWork(window, this);

    connect(m_new, &QAction::triggered, this, &FileActions::newDocument);
    connect(m_open, &QAction::triggered, this, &FileActions::open);
    connect(m_save, &QAction::triggered, this, &FileActions::save);
    connect(m_saveAs, &QAction::triggered, this, &FileActions::saveAs);
    connect(m_saveResults, &QAction::triggered, this, &FileActions::saveResults);
    connect(m_exportCsv, &QAction::triggered, this, &FileActions::exportCsv);
    connect(m_exportChart, &QAction::triggered, this, &FileActions::exportChart);
    connect(m_copyChart, &QAction::triggered, this,
            [this] { m_charts->copyChartToClipboard(m_charts->currentChart()); });
    connect(m_recent, &RecentFiles::openRequested, this, &FileActions::openInteractive);
    connect(m_runs, &RunCollection::currentChanged, this, [this] { updateActions(false); });
    connect(m_runs, &RunCollection::runsChanged, this, [this] { updateActions(false); });
    m_saved = m_editor->profile();
    updateActions(false);
}

bool FileActions::isModified() const {
    return m_editor->profile() != m_saved;
}

QString FileActions::documentName() const {
    const QString name = m_editor->profile().name;
    if (!name.isEmpty())
        return name;
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

void FileActions::setDocument(const Profile& profile, const QString& path) {
    m_editor->setProfile(profile);
    m_saved = m_editor->profile();
    m_path = path;
    Q_EMIT documentChanged();
}

void FileActions::updateActions(bool running) {
    const RunCollection::Run* run = m_runs->current();
    const bool finishedRun = run && !run->live && !running;
    m_saveResults->setEnabled(finishedRun);
    m_exportCsv->setEnabled(finishedRun);
}

bool FileActions::openFile(const QString& path, QString* error) {
    QString kindError;
    if (FileKind::detect(path, &kindError) == FileKind::Results) {
        std::optional<RunResult> result = ResultsJson::load(path, error);
        if (!result)
            return false;
        addOpenedRun(path, *result);
        return true;
    }
    // Anything else is read as a profile: ProfileIo names what is wrong with it.
    std::optional<Profile> profile = ProfileIo::load(path, error);
    if (!profile)
        return false;
    setDocument(*profile, QFileInfo(path).absoluteFilePath());
    m_recent->add(path);
    return true;
}

void FileActions::addOpenedRun(const QString& path, const RunResult& result) {
    const int id = m_runs->addRun(result, QFileInfo(path).completeBaseName(), false);
    m_runs->setCurrent(id);
    m_recent->add(path);
    Q_EMIT resultsOpened(id);
}

void FileActions::openInteractive(const QString& path) {
    QString kindError;
    if (FileKind::detect(path, &kindError) == FileKind::Results) {
        openResultsInBackground(path);
        return;
    }
    if (!maybeSave())
        return;
    QString error;
    if (!openFile(path, &error)) {
        showOpenError(path, error);
        return;
    }
    rememberDirectory(path);
}

void FileActions::openResultsInBackground(const QString& path) {
    const QFileInfo info(path);
    const QString text =
        tr("Opening %1 (%2)…").arg(info.fileName(), QLocale().formattedDataSize(info.size()));
    // The job gets the path only: the reader builds the run on the worker, and the run
    // collection takes it here, on the GUI thread. A file being opened already is ignored
    // (its "Opening" is in the status bar): it would be the same run twice.
    m_work->start(
        path, text,
        [path](const std::atomic_bool& cancelled) {
            FileWork::Outcome outcome;
            outcome.result =
                ResultsJson::load(path, &outcome.error, ResultsJson::kMaxBytes, &cancelled);
            outcome.ok = outcome.result.has_value();
            return outcome;
        },
        [this, path](const FileWork::Outcome& outcome) {
            if (!outcome.ok) {
                showOpenError(path, outcome.error);
                return;
            }
            addOpenedRun(path, *outcome.result);
            rememberDirectory(path);
        });
}

void FileActions::showOpenError(const QString& path, const QString& error) {
    QMessageBox box(QMessageBox::Warning, tr("Cannot open file"),
                    tr("Plateau could not open %1.").arg(QFileInfo(path).fileName()),
                    QMessageBox::Ok, m_window);
    box.setInformativeText(error);
    box.exec();
}

void FileActions::newDocument() {
    if (!maybeSave())
        return;
    setDocument(Profile::defaultProfile(), {});
}

void FileActions::open() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Profile or Results"),
                                                      AppSettings::lastDirectory(), jsonFilter());
    if (!path.isEmpty())
        openInteractive(path);
}

bool FileActions::saveProfileTo(const QString& path, QString* error) {
    const Profile profile = m_editor->profile();
    if (!ProfileIo::save(profile, path, error))
        return false;
    m_saved = profile;
    m_path = QFileInfo(path).absoluteFilePath();
    m_recent->add(path);
    Q_EMIT documentChanged();
    return true;
}

bool FileActions::save() {
    if (m_path.isEmpty())
        return saveAs();
    QString error;
    if (!saveProfileTo(m_path, &error)) {
        QMessageBox::warning(m_window, tr("Cannot save profile"), error);
        return false;
    }
    return true;
}

bool FileActions::saveAs() {
    const QString suggested =
        m_path.isEmpty() ? safeFileName(m_editor->profile().name) + u".json"_s : m_path;
    const QString path = askSavePath(tr("Save Profile"), suggested, jsonFilter());
    if (path.isEmpty())
        return false;
    QString error;
    if (!saveProfileTo(path, &error)) {
        QMessageBox::warning(m_window, tr("Cannot save profile"), error);
        return false;
    }
    return true;
}

bool FileActions::maybeSave() {
    if (!isModified())
        return true;
    const auto answer = QMessageBox::warning(
        m_window, tr("Unsaved changes"),
        tr("The profile \"%1\" has changes that are not saved.").arg(documentName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool FileActions::saveResultsTo(const QString& path, QString* error) const {
    const RunCollection::Run* run = m_runs->current();
    if (!run) {
        *error = tr("there is no run to save");
        return false;
    }
    return ResultsJson::save(run->result, path, error);
}

bool FileActions::exportCsvTo(const QString& path, QString* error) const {
    const RunCollection::Run* run = m_runs->current();
    if (!run) {
        *error = tr("there is no run to export");
        return false;
    }
    return CsvExporter::save(run->result, path, error);
}

void FileActions::saveResults() {
    const RunCollection::Run* run = m_runs->current();
    if (!run)
        return;
    const QString path =
        askSavePath(tr("Save Results"), safeFileName(run->name) + u"-results.json"_s, jsonFilter());
    if (!path.isEmpty())
        saveResultsInBackground(path);
}

void FileActions::exportCsv() {
    const RunCollection::Run* run = m_runs->current();
    if (!run)
        return;
    const QString path =
        askSavePath(tr("Export Requests as CSV"), safeFileName(run->name) + u"-requests.csv"_s,
                    tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsvInBackground(path);
}

void FileActions::saveResultsInBackground(const QString& path) {
    writeInBackground(path, &ResultsJson::save, tr("Cannot save results"), true);
}

void FileActions::exportCsvInBackground(const QString& path) {
    writeInBackground(path, &CsvExporter::save, tr("Cannot export CSV"), false);
}

void FileActions::writeInBackground(const QString& path, Writer write, const QString& failedTitle,
                                    bool remember) {
    const RunCollection::Run* run = m_runs->current();
    if (!run) {
        QMessageBox::warning(m_window, failedTitle, tr("There is no run to save."));
        return;
    }
    // A copy that shares the run's packed records (RecordStore, Qt's implicit sharing): no
    // record is copied, and the run may be removed or refined meanwhile.
    const RunResult result = run->result;
    const bool started = m_work->start(
        path, tr("Writing %1…").arg(QFileInfo(path).fileName()),
        [result, path, write](const std::atomic_bool&) {
            FileWork::Outcome outcome;
            outcome.ok = write(result, path, &outcome.error);
            return outcome;
        },
        [this, path, failedTitle, remember](const FileWork::Outcome& outcome) {
            if (!outcome.ok)
                QMessageBox::warning(m_window, failedTitle, outcome.error);
            else if (remember)
                m_recent->add(path);
        });
    if (!started)
        QMessageBox::warning(m_window, failedTitle,
                             tr("%1 is being read or written already.").arg(path));
}

void FileActions::exportChart() {
    // The chart on screen; the charts' own export dialog, seeded with the last size used.
    static const char* const slugs[] = {"throughput-latency", "vs-concurrency", "percentiles",
                                        "timeline"};
    const ChartsPanel::Chart which = m_charts->currentChart();
    const QString suggested = AppSettings::lastDirectory() + u"/plateau-"_s +
                              QLatin1String(slugs[int(which)]) + u".png"_s;
    ChartExportDialog dialog(suggested, AppSettings::exportSize(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::setExport(dialog.imageSize(), dialog.scale());
    rememberDirectory(dialog.path());
    QString error;
    if (!m_charts->exportChart(which, dialog.path(), dialog.imageSize(), dialog.scale(), &error))
        QMessageBox::warning(m_window, tr("Cannot export chart"), error);
}

QString FileActions::askSavePath(const QString& title, const QString& suggested,
                                 const QString& filter) {
    const QString start = QFileInfo(suggested).isAbsolute()
                              ? suggested
                              : AppSettings::lastDirectory() + u'/' + suggested;
    QString path = QFileDialog::getSaveFileName(m_window, title, start, filter);
    if (!path.isEmpty()) {
        if (QFileInfo(path).suffix().isEmpty())
            path += u'.' + QFileInfo(suggested).suffix();
        rememberDirectory(path);
    }
    return path;
}

void FileActions::rememberDirectory(const QString& path) {
    AppSettings::setLastDirectory(QFileInfo(path).absolutePath());
}
