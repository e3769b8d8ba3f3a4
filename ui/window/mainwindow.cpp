#include "window/mainwindow.h"

#include "charts/chartspanel.h"
#include "charts/workloadpreviewpanel.h"
#include "editors/profileeditor.h"
#include "models/naminglegend.h"
#include "models/runcollection.h"
#include "run/refinecontrols.h"
#include "run/refinerun.h"
#include "run/resultspanel.h"
#include "run/runcontroller.h"
#include "run/runslist.h"
#include "run/runstatuswidget.h"
#include "run/runwarnings.h"
#include "run/warningbanner.h"
#include "system/appsettings.h"
#include "window/fileactions.h"
#include "window/filework.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_runs(new RunCollection(this))
    , m_charts(new ChartsPanel(m_runs))
    , m_banner(new WarningBanner)
    , m_editor(new ProfileEditor)
    , m_results(new ResultsPanel(m_runs))
    , m_controller(new RunController(m_runs, this))
    , m_status(new RunStatusWidget) {
    setObjectName(u"mainWindow"_s);
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_charts, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_status, 1);

    m_files = new FileActions(m_editor, m_runs, m_charts, this);
    buildActions();
    buildDocks();
    buildMenus();
    buildToolBar();
    connectParts();

    resize(1500, 940);
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    m_files->setDocument(Profile::defaultProfile(), {});
    updateRunActions();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    m_start = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start Sweep"), this);
    m_start->setObjectName(u"startAction"_s);
    m_start->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    m_stop = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stop->setObjectName(u"stopAction"_s);
    m_stop->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Period), QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    m_stop->setToolTip(tr("Stop the sweep; everything measured so far is kept"));
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_start, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_stop, &QAction::triggered, this, &MainWindow::stopRun);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::buildDocks() {
    m_profileDock = new QDockWidget(tr("Profile"), this);
    m_profileDock->setObjectName(u"profileDock"_s);
    m_profileDock->setWidget(m_editor);
    m_profileDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                               QDockWidget::DockWidgetFloatable);
    m_editor->setMinimumWidth(fontMetrics().averageCharWidth() * 58);
    addDockWidget(Qt::LeftDockWidgetArea, m_profileDock);

    m_resultsDock = new QDockWidget(tr("Results"), this);
    m_resultsDock->setObjectName(u"resultsDock"_s);
    m_resultsDock->setWidget(m_results);
    m_resultsDock->setFeatures(m_profileDock->features());
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);
    // The results dock spans under the charts only; the editor keeps the full height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    resizeDocks({m_resultsDock}, {330}, Qt::Vertical);
    resizeDocks({m_profileDock}, {470}, Qt::Horizontal);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentMenu());
    file->addSeparator();
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addSeparator();
    file->addAction(m_files->saveResultsAction());
    file->addAction(m_files->exportCsvAction());
    file->addAction(m_files->exportChartAction());
    file->addAction(m_files->copyChartAction());
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_start);
    run->addAction(m_stop);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_profileDock->toggleViewAction());
    view->addAction(m_resultsDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Metric Names in Other Tools…"), this, &MainWindow::showNamingLegend);
    help->addAction(tr("&About Plateau"), this, &MainWindow::showAbout);
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(u"runToolBar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_start);
    bar->addAction(m_stop);
    bar->addSeparator();
    bar->addAction(m_files->openAction());
    bar->addAction(m_files->saveAction());
    bar->addSeparator();
    m_refine = new RefineControls(m_runs, m_controller, bar);
    bar->addWidget(m_refine);
    connect(m_charts, &ChartsPanel::measureRequested, m_refine, &RefineControls::measureAt);
    connect(m_refine->refineRun(), &RefineRun::runningChanged, this, &MainWindow::updateRunActions);
    connect(m_refine, &RefineControls::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    // The latency axis picker lives on the charts; its last choice is restored here.
    m_charts->setLatencyAxis(AppSettings::latencyMetric(), AppSettings::latencyStat());
    m_charts->setErrorBarsShown(AppSettings::errorBars());
}

void MainWindow::connectParts() {
    auto* preview = new WorkloadPreviewPanel;
    m_editor->setWorkloadPreview(preview);
    connect(m_editor, &ProfileEditor::profileUpdated, preview,
            [this, preview] { preview->setProfile(m_editor->profile()); });
    connect(m_editor, &ProfileEditor::changed, this, &MainWindow::updateTitle);
    connect(m_editor, &ProfileEditor::validityChanged, this, &MainWindow::updateRunActions);
    // "Opening NAME (510 MB)…" while a results file is read or written on the worker: a label
    // of its own, as the run status widget takes the bar's width (a temporary message would
    // get none of it).
    auto* activity = new QLabel;
    activity->setObjectName(u"fileActivity"_s);
    activity->hide();
    statusBar()->addPermanentWidget(activity);
    connect(m_files->fileWork(), &FileWork::activityChanged, activity,
            [activity](const QString& text) {
                activity->setText(text);
                activity->setVisible(!text.isEmpty());
            });
    connect(m_files, &FileActions::documentChanged, this, [this] {
        updateTitle();
        updateRunActions();
    });

    connect(m_controller, &RunController::runningChanged, this, [this](bool running) {
        m_editor->setEnabled(!running);
        m_files->updateActions(running);
        updateRunActions();
    });
    connect(m_controller, &RunController::runStarted, this, [this] {
        m_banner->clear();
        m_status->setNotice({});
        m_noticeCount = 0;
        m_results->followLiveLevel();
        m_status->setPlan(m_editor->profile().plan);
    });
    connect(m_controller, &RunController::progressChanged, this, [this](const RunProgress& p) {
        m_status->setProgress(p);
        m_charts->setLiveProgress(p);
    });
    connect(m_controller, &RunController::refreshed, this, [this](int runId) {
        m_charts->refresh();
        if (const RunCollection::Run* run = m_runs->run(runId)) {
            const QMap<QString, QString> warnings = RunWarnings::fromResult(run->result);
            for (const QString& key : RunWarnings::keys())
                m_banner->setMessage(key, warnings.value(key));
        }
    });
    connect(m_controller, &RunController::notice, this, [this](const QString& text) {
        if (!RunWarnings::isWarningNotice(text)) {
            m_status->setNotice(text);
            return;
        }
        // Keep the latest few warnings; older ones scroll out.
        m_banner->setMessage(u"notice:%1"_s.arg(m_noticeCount, 6, 10, QChar(u'0')), text);
        if (m_noticeCount >= 3)
            m_banner->setMessage(u"notice:%1"_s.arg(m_noticeCount - 3, 6, 10, QChar(u'0')), {});
        ++m_noticeCount;
    });
    connect(m_controller, &RunController::startFailed, this, [this](const QString& message) {
        m_banner->setMessage(u"start"_s, tr("The sweep could not start: %1").arg(message));
    });
    connect(m_controller, &RunController::runFinished, this, &MainWindow::onRunFinished);
    // An interleaved run ends on its answer: A against B, as `run --interleave-with` prints.
    connect(m_controller, &RunController::interleavedFinished, m_results->runsList(),
            &RunsList::compareRuns);

    // Chart clicks and table selection stay in step.
    connect(m_charts, &ChartsPanel::levelClicked, this, [this](int runId, int level) {
        m_runs->setCurrent(runId);
        m_results->selectLevel(level);
        m_charts->selectLevel(runId, level);
    });
    connect(m_results, &ResultsPanel::levelSelected, m_charts, &ChartsPanel::selectLevel);
    connect(m_runs, &RunCollection::runsChanged, this, &MainWindow::scheduleChartRefresh);
    connect(m_runs, &RunCollection::currentChanged, this, &MainWindow::scheduleChartRefresh);
    // A finished run that changes is being refined: its new levels go on the charts at once
    // (a live run's refreshes come from the controller's timer, which a run opened from a
    // file and refined has not).
    connect(m_runs, &RunCollection::runUpdated, this, [this](int runId) {
        const RunCollection::Run* run = m_runs->run(runId);
        if (run && !run->live)
            scheduleChartRefresh();
    });
    connect(m_files, &FileActions::resultsOpened, this, &MainWindow::scheduleChartRefresh);
}

void MainWindow::scheduleChartRefresh() {
    // Several collection signals in one event-loop pass cost one redraw.
    if (m_chartRefreshPending)
        return;
    m_chartRefreshPending = true;
    QTimer::singleShot(0, this, [this] {
        m_chartRefreshPending = false;
        m_charts->refresh();
    });
}

void MainWindow::updateTitle() {
    setWindowTitle(m_files->documentName() + u"[*] — Plateau"_s);
    setWindowModified(m_files->isModified());
    if (!m_files->profilePath().isEmpty())
        setWindowFilePath(m_files->profilePath());
}

void MainWindow::updateRunActions() {
    const bool running = m_controller->isRunning();
    const bool valid = m_editor->isValid();
    // Not while Refine measures: the two would load the endpoint at once.
    const bool refining = m_refine && m_refine->refineRun()->isRunning();
    m_start->setEnabled(!running && valid && !refining);
    m_stop->setEnabled(running);
    if (valid)
        m_start->setToolTip(
            tr("Run the sweep against %1").arg(m_editor->profile().endpoint().name));
    else
        m_start->setToolTip(tr("Fix the profile first: the fields marked in the Profile panel "
                               "say what is wrong"));
    if (refining)
        m_start->setToolTip(tr("Refine is measuring more levels: stop it or wait for it"));
}

void MainWindow::startRun() {
    if (m_controller->isRunning() || !m_editor->isValid() ||
        (m_refine && m_refine->refineRun()->isRunning()))
        return;
    m_controller->start(m_editor->profile());
}

void MainWindow::stopRun() {
    m_controller->stop();
}

void MainWindow::onRunFinished(int runId, const RunResult& result) {
    Q_UNUSED(runId);
    const int levels = int(result.summary.levels.size());
    const QString count = levels == 1 ? tr("1 level") : tr("%1 levels").arg(levels);
    QString text = result.cancelled ? tr("Stopped after %1; what was measured is kept.").arg(count)
                                    : tr("Finished: %1.").arg(count);
    // A stop by the user is said above already.
    const QString why = result.cancelled ? QString() : StopReasons::userText(result.stopReason);
    if (!why.isEmpty())
        text += u' ' + why;
    m_status->setIdleText(text);
    m_charts->refresh();
}

void MainWindow::openPath(const QString& path) {
    m_files->openInteractive(path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_controller->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Sweep running"),
            tr("A sweep is running. Stop it and quit? Its requests so far are in the journal:\n%1")
                .arg(m_controller->journalPath()));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_controller->stop();
    }
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    // A results file still loading is not wanted any more: its reader stops (quitting does
    // not wait for the rest of the file).
    m_files->fileWork()->cancelAll();
    AppSettings::setWindow(saveGeometry(), saveState());
    AppSettings::setLatencyAxis(m_charts->latencyMetric(), m_charts->latencyStat());
    AppSettings::setErrorBars(m_charts->errorBarsShown());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() &&
        urls.first().toLocalFile().endsWith(u".json"_s, Qt::CaseInsensitive))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // Let the drop finish before a dialog may open.
    QTimer::singleShot(0, this, [this, path] { openPath(path); });
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Plateau"),
        tr("<h3>Plateau %1</h3><p>Benchmarks LLM inference endpoints: how many parallel "
           "requests an endpoint takes before its throughput stops growing, and the best "
           "throughput within a latency budget.</p><p>Qt %2</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::showNamingLegend() {
    QMessageBox box(QMessageBox::Information, tr("Metric names in other tools"),
                    tr("How Plateau's metrics are named by other benchmarks:"), QMessageBox::Ok,
                    this);
    box.setInformativeText(NamingLegend::html());
    box.exec();
}
