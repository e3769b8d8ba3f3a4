#include "charts/chartspanel.h"
#include "charts/throughputlatencychart.h"
#include "charts/timelinechart.h"
#include "editors/profileeditor.h"
#include "models/leveltablemodel.h"
#include "models/requesttablemodel.h"
#include "models/runcollection.h"
#include "run/resultspanel.h"
#include "run/runcontroller.h"
#include "run/runstatuswidget.h"
#include "window/fileactions.h"
#include "window/mainwindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMimeData>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <QXYSeries>

using namespace Qt::StringLiterals;

namespace {
// A short sweep against the built-in simulator: small requests, short levels.
Profile shortSweep(QList<int> levels, double seconds) {
    Profile p = Profile::defaultProfile();
    p.name = u"Short sweep"_s;
    p.plan.concurrencies = levels;
    p.plan.durationPerLevelS = seconds;
    p.prompts.inputTokens = 32;
    p.prompts.outputTokens = 16;
    p.budget.limits = {LatencyLimit{LatencyMetric::E2e, LatencyStat::P95, 10000.0}};
    return p;
}

// True while any button above the charts or any chart legend says "(running)".
bool runningMarkShown(MainWindow& window) {
    const auto buttons = window.charts()->findChildren<QAbstractButton*>();
    for (const QAbstractButton* button : buttons) {
        if (button->isVisible() && button->text().contains(u"(running)"_s))
            return true;
    }
    const auto series = window.charts()->chart(ChartsPanel::Chart::ThroughputLatency)->series();
    for (const QAbstractSeries* s : series) {
        if (s->name().contains(u"(running)"_s))
            return true;
    }
    return false;
}

ThroughputLatencyChart* signatureChart(MainWindow& window) {
    return qobject_cast<ThroughputLatencyChart*>(
        window.charts()->chart(ChartsPanel::Chart::ThroughputLatency));
}
} // namespace

class TstMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void startDisabledWhileInvalid();
    void sweepAgainstSimulator();
    void stopKeepsPartialResults();
    void statusBarInFlightIsLive();
    void droppedProfileOpens();
    void layoutAndAxisPersist();
    void conversationsEndWithPerTurnFigures();
    void serverMetricsBesideTheClients();
    void refinedLevelOfAnOpenedRunIsDrawn();
};

void TstMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"PlateauTests"_s);
    QApplication::setApplicationName(u"tst_mainwindow"_s);
}

void TstMainWindow::init() {
    QSettings().clear();
}

void TstMainWindow::startDisabledWhileInvalid() {
    MainWindow window;
    QVERIFY(window.startAction()->isEnabled());
    QVERIFY(!window.stopAction()->isEnabled());
    auto* url = window.findChild<QLineEdit*>(u"url"_s);
    url->setText(u"ftp://example.com"_s);
    QVERIFY(!window.startAction()->isEnabled());
    QVERIFY(window.startAction()->toolTip().contains(u"Fix the profile"_s));
    window.startRun(); // refused while invalid
    QVERIFY(!window.runController()->isRunning());
    url->setText(u"sim:default"_s);
    QVERIFY(window.startAction()->isEnabled());
}

void TstMainWindow::sweepAgainstSimulator() {
    MainWindow window;
    window.show();
    window.fileActions()->setDocument(shortSweep({1, 2, 4}, 1.5), {});
    RunController* controller = window.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    QSignalSpy levelDone(controller, &RunController::levelFinished);

    window.startAction()->trigger();
    QVERIFY(controller->isRunning());
    QVERIFY(!window.startAction()->isEnabled());
    QVERIFY(window.stopAction()->isEnabled());
    QVERIFY(!window.profileEditor()->isEnabled());
    const int runId = controller->liveRunId();
    QVERIFY(runId > 0);
    QCOMPARE(window.runs()->currentId(), runId);

    // Live: the status bar reads out the level while it runs; the run chip says running.
    QTRY_VERIFY_WITH_TIMEOUT(window.runStatus()->levelText().startsWith(u"Level "_s), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(runningMarkShown(window), 20000);

    QVERIFY(finished.wait(90000));
    QCOMPARE(levelDone.count(), 3);
    const RunCollection::Run* run = window.runs()->run(runId);
    QVERIFY(run);
    QVERIFY(!run->live);
    QCOMPARE(run->result.summary.levels.size(), 3);
    for (const LevelSummary& level : run->result.summary.levels) {
        QVERIFY(level.complete);
        QVERIFY2(level.successes > 0, qPrintable(level.label()));
        QVERIFY(level.outputThroughputTps > 0);
    }

    // One point per level on the signature chart, joined in order, labelled c=N.
    ThroughputLatencyChart* chart = signatureChart(window);
    QVERIFY(chart);
    QCOMPARE(chart->pointSeries(runId)->count(), 3);
    QCOMPARE(chart->lineSeries(runId)->count(), 3);
    QCOMPARE(chart->pointLabels(runId), (QStringList{u"c=1"_s, u"c=2"_s, u"c=4"_s}));
    for (int i = 0; i < 3; ++i) {
        const LevelSummary& level = run->result.summary.levels.at(i);
        QCOMPARE(chart->pointSeries(runId)->at(i).y(), level.outputThroughputTps);
        QVERIFY(qAbs(chart->pointSeries(runId)->at(i).x() * chart->msPerUnit() - level.e2eMs.p50) <
                1e-6);
    }
    // The plateau mark: a line at the highest level's throughput.
    const double plateauTps = run->result.summary.plateau.plateauTps;
    QVERIFY(std::isfinite(plateauTps));
    QCOMPARE(chart->plateauSeries(runId)->count(), 2);
    QCOMPARE(chart->plateauSeries(runId)->at(0).y(), plateauTps);

    // The level table has a row per level; the summary speaks of the result.
    QCOMPARE(window.results()->levelModel()->rowCount(), 3);
    QVERIFY(window.results()->summary().contains(u"tok/s"_s));

    // A click on a point selects its level everywhere: table row and request list.
    Q_EMIT window.charts()->levelClicked(runId, 1);
    QCOMPARE(window.results()->selectedLevel(), 1);
    const QModelIndex current = window.results()->levelView()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data(LevelTableModel::LevelIndexRole).toInt(), 1);
    QCOMPARE(window.results()->requestModel()->rowCount(),
             run->result.summary.levels.at(1).requests);

    // Done: Start is back, the editor too, the journal holds the requests.
    QVERIFY(window.startAction()->isEnabled());
    QVERIFY(!window.stopAction()->isEnabled());
    QVERIFY(window.profileEditor()->isEnabled());
    QVERIFY(window.runStatus()->levelText().startsWith(u"Finished: 3 levels"_s));
    // Nothing on screen still calls the finished run "running" (run chips, legends).
    QVERIFY(!runningMarkShown(window));
    QFile journal(controller->journalPath());
    QVERIFY2(journal.open(QIODevice::ReadOnly), qPrintable(controller->journalPath()));
    QVERIFY(journal.readAll().count('\n') >= qsizetype(run->result.records.size()));
}

void TstMainWindow::stopKeepsPartialResults() {
    MainWindow window;
    window.show();
    window.fileActions()->setDocument(shortSweep({1, 2, 4, 8}, 4.0), {});
    RunController* controller = window.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    QSignalSpy levelDone(controller, &RunController::levelFinished);
    window.startRun();
    const int runId = controller->liveRunId();

    // Let the first level finish and the second one get going, then stop.
    QVERIFY(levelDone.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(controller->lastProgress().levelIndex == 1 &&
                                 controller->lastProgress().requestsDone > 0,
                             30000);
    window.stopAction()->trigger();
    QVERIFY(finished.wait(30000));

    const RunCollection::Run* run = window.runs()->run(runId);
    QVERIFY(run);
    QVERIFY(!run->live);
    QVERIFY(run->result.cancelled);
    QVERIFY(run->result.summary.levels.size() >= 1);
    QVERIFY(run->result.summary.levels.size() < 4);
    QVERIFY(run->result.summary.levels.first().complete);
    QVERIFY(run->result.summary.levels.first().successes > 0);
    QVERIFY(!run->result.records.isEmpty());
    // What was measured is on screen and can be saved.
    QCOMPARE(window.results()->levelModel()->rowCount(), int(run->result.summary.levels.size()));
    QVERIFY(signatureChart(window)->pointSeries(runId)->count() >= 1);
    QVERIFY2(window.runStatus()->levelText().startsWith(u"Stopped"_s),
             qPrintable(window.runStatus()->levelText()));
    QVERIFY(window.fileActions()->saveResultsAction()->isEnabled());
    QVERIFY(window.startAction()->isEnabled());
}

void TstMainWindow::statusBarInFlightIsLive() {
    // Closed loop at c=8: while the level runs, the status bar's live count reaches 8 (a
    // finished request's successor is sent at once), and tok/s is above zero.
    MainWindow window;
    window.show();
    window.fileActions()->setDocument(shortSweep({8}, 4.0), {});
    RunController* controller = window.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    window.startRun();
    QTRY_COMPARE_WITH_TIMEOUT(window.runStatus()->inFlightText(), u"In flight 8"_s, 30000);
    auto* tps = window.runStatus()->findChild<QLabel*>(u"statusTps"_s);
    QTRY_VERIFY_WITH_TIMEOUT(tps->isVisible() && !tps->text().startsWith(u"0 "_s), 30000);
    QVERIFY(window.runStatus()->progressText().endsWith(u" left"_s) ||
            window.runStatus()->progressText().endsWith(u"%"_s));
    window.stopRun();
    QVERIFY(finished.wait(30000));
    QVERIFY(!runningMarkShown(window));
}

void TstMainWindow::droppedProfileOpens() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"dropped.json"_s);
    Profile profile = Profile::defaultProfile();
    profile.name = u"Dropped here"_s;
    {
        MainWindow writer;
        writer.fileActions()->setDocument(profile, {});
        QString error;
        QVERIFY(writer.fileActions()->saveProfileTo(path, &error));
    }
    MainWindow window;
    window.show();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(window.profileEditor()->profile().name, u"Dropped here"_s);
    QCOMPARE(window.windowTitle(), u"Dropped here[*] — Plateau"_s);

    // Anything but a .json file is refused at the door.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(dir.filePath(u"notes.txt"_s))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TstMainWindow::layoutAndAxisPersist() {
    {
        MainWindow window;
        window.show();
        window.charts()->setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P95);
        window.resize(1234, 876);
        // The dock layout too: the results dock closed by the user stays closed.
        window.findChild<QDockWidget*>(u"resultsDock"_s)->close();
        window.close();
    }
    MainWindow again;
    again.show();
    QCOMPARE(again.charts()->latencyMetric(), LatencyMetric::Ttft);
    QCOMPARE(again.charts()->latencyStat(), LatencyStat::P95);
    // Stored as the names earlier versions wrote and read.
    QCOMPARE(QSettings().value(u"charts/latencyMetric"_s).toString(), u"ttft"_s);
    QCOMPARE(QSettings().value(u"charts/latencyStat"_s).toString(), u"p95"_s);
    QCOMPARE(again.size(), QSize(1234, 876));
    QVERIFY(!again.findChild<QDockWidget*>(u"resultsDock"_s)->isVisible());
    QVERIFY(again.findChild<QDockWidget*>(u"profileDock"_s)->isVisible());
}

// Issue 16's deliverable from the GUI: a conversations workload run against the simulator
// ends with TTFT by turn in the run's levels and a per-turn view of the requests.
void TstMainWindow::conversationsEndWithPerTurnFigures() {
    MainWindow window;
    window.show();
    Profile profile = shortSweep({1, 3}, 1.5);
    profile.workload.kind = WorkloadSettings::Kind::Conversations;
    profile.workload.conversations.turns = 3;
    window.fileActions()->setDocument(profile, {});
    RunController* controller = window.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    window.startAction()->trigger();
    const int runId = controller->liveRunId();
    QVERIFY(finished.wait(90000));
    const RunCollection::Run* run = window.runs()->run(runId);
    QVERIFY(run);
    QCOMPARE(run->result.summary.levels.size(), 2);
    for (const LevelSummary& level : run->result.summary.levels) {
        QVERIFY2(level.conversationsStarted > 0, qPrintable(level.label()));
        QCOMPARE(level.ttftByTurn.size(), 3);
        for (int turn = 0; turn < 3; ++turn) {
            QCOMPARE(level.ttftByTurn.at(turn).turn, turn);
            QVERIFY(level.ttftByTurn.at(turn).requests > 0);
        }
        // The history grows turn by turn.
        QVERIFY(level.ttftByTurn.at(2).inputTokensMean > level.ttftByTurn.at(0).inputTokensMean);
    }
    // The Requests tab's per-turn view draws the selected level's conversation requests.
    Q_EMIT window.charts()->levelClicked(runId, 1);
    window.results()->tabs()->setCurrentIndex(ResultsPanel::RequestsTab);
    window.results()->setRequestDisplay(ResultsPanel::TtftByTurnScatter);
    auto* chart = window.results()->findChild<QChartView*>(u"requestScatter"_s);
    QVERIFY(chart && chart->isVisibleTo(window.results()));
    if (const QByteArray dir = qgetenv("PLATEAU_TEST_SHOTS"); !dir.isEmpty()) {
        QTest::qWait(300); // the chart lays its axes out on the event loop
        window.grab().save(QString::fromLocal8Bit(dir) + u"/gui-ttft-by-turn.png"_s);
    }
    QVERIFY2(chart->chart()->title().contains(u"requests"_s) &&
                 !chart->chart()->title().contains(u"no conversation"_s),
             qPrintable(chart->chart()->title()));
    int points = 0;
    for (const QAbstractSeries* series : chart->chart()->series()) {
        if (const auto* xy = qobject_cast<const QXYSeries*>(series))
            points += int(xy->count());
    }
    QVERIFY(points > 0);
}

// Issue 12 from the GUI: a run against the simulator (vLLM's metric names) with the server's
// metrics on. While it runs, a finished level's server figures reach the window (not only the
// final result) and the live timeline draws the server's lines; afterwards the level table
// has the server columns and the timeline the server's running/waiting/KV/tok/s lines.
void TstMainWindow::serverMetricsBesideTheClients() {
    MainWindow window;
    window.resize(1500, 950);
    window.show();
    Profile profile = shortSweep({8, 48}, 3.0);
    profile.endpoints[0].url = QUrl(u"sim:kv-bound"_s); // the KV cache fills from ~38 streams
    profile.prompts.inputTokens = 256;
    profile.prompts.outputTokens = 128;
    profile.endpoints[0].serverMetrics.enabled = true;
    profile.endpoints[0].serverMetrics.intervalMs = 250;
    window.fileActions()->setDocument(profile, {});
    RunController* controller = window.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    QSignalSpy levelDone(controller, &RunController::levelFinished);
    window.charts()->setCurrentChart(ChartsPanel::Chart::Timeline);
    auto* timeline =
        qobject_cast<TimelineChart*>(window.charts()->chart(ChartsPanel::Chart::Timeline));
    window.startAction()->trigger();
    const int runId = controller->liveRunId();

    QVERIFY(levelDone.wait(60000));
    // Live: the first level's server figures arrive on the refresh path while c=48 runs.
    QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning() ||
                                 window.runs()->run(runId)->result.serverMetrics.level(0),
                             10000);
    QVERIFY2(controller->isRunning(), "the run ended before its live figures were seen");
    QVERIFY(window.runs()->run(runId)->result.serverMetrics.level(0)->runningMean);
    QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning() || timeline->showsServerLines(), 10000);
    QVERIFY(finished.wait(90000));

    const RunCollection::Run* run = window.runs()->run(runId);
    QVERIFY(run && run->result.serverMetrics.enabled);
    QCOMPARE(run->result.serverMetrics.engine, u"vLLM"_s);
    const ServerLevelFigures* busy = run->result.serverMetrics.level(1);
    QVERIFY(busy && busy->runningMean && busy->kvUsageMax);
    // The level table: server columns shown, the busy level's KV cache near full.
    QTableView* table = window.results()->levelView();
    QVERIFY(!table->isColumnHidden(LevelTableModel::SrvRunning));
    QVERIFY(!table->isColumnHidden(LevelTableModel::SrvCrossCheck));
    LevelTableModel* model = window.results()->levelModel();
    const QString kv = model->index(1, LevelTableModel::SrvKvMax).data().toString();
    QVERIFY2(kv != u"—"_s && kv.toDouble() > 50.0, qPrintable(kv));
    // The timeline of the busy level: the server's lines on the level's time axis.
    Q_EMIT window.charts()->levelClicked(runId, 1);
    QVERIFY(timeline->showsServerLines());
    QVERIFY(timeline->serverRunningSeries()->count() >= 4);
    QVERIFY(timeline->serverKvSeries()->count() >= 4);
    QVERIFY(timeline->serverTokensSeries()->count() >= 3);
    QVERIFY(timeline->kvAxis()->isVisible());
    if (const QByteArray dir = qgetenv("PLATEAU_TEST_SHOTS"); !dir.isEmpty()) {
        QTest::qWait(300); // the chart lays its axes out on the event loop
        window.grab().save(QString::fromLocal8Bit(dir) + u"/server-metrics.png"_s);
    }
}

// A run opened from a file and refined gets its new levels through RunCollection::updateRun,
// with no live run's timer to redraw the charts: the new point must still appear (it did not:
// the table showed c=17, the chart kept the old four points).
void TstMainWindow::refinedLevelOfAnOpenedRunIsDrawn() {
    MainWindow window;
    RunResult result;
    for (int c : {1, 2, 4}) {
        LevelSummary level;
        level.index = int(result.summary.levels.size());
        level.concurrency = c;
        level.complete = true;
        level.requests = level.successes = 10;
        level.outputThroughputTps = 100.0 * c;
        level.e2eMs.count = 10;
        level.e2eMs.p50 = 500.0 + 10.0 * c;
        result.summary.levels.append(level);
    }
    const int runId = window.runs()->addRun(result, u"opened"_s, false);
    ThroughputLatencyChart* chart = signatureChart(window);
    QTRY_COMPARE(chart->pointSeries(runId)->count(), 3);
    window.results()->selectLevel(0); // as a user looking at the run has a row selected
    QTest::qWait(50);

    LevelSummary refined = result.summary.levels.constLast();
    refined.index = 3;
    refined.concurrency = 3;
    refined.outputThroughputTps = 300.0;
    result.summary.levels.append(refined);
    window.runs()->updateRun(runId, result, false);
    QTRY_COMPARE(chart->pointSeries(runId)->count(), 4);
    QVERIFY(chart->pointLabels(runId).contains(u"c=3"_s));
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
