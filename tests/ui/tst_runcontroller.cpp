#include "models/comparemodel.h"
#include "models/runcollection.h"
#include "run/compareview.h"
#include "run/runcontroller.h"
#include "run/runslist.h"
#include "sim/simulatorthread.h"
#include "sweep/interleaverunner.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// What the desktop app keeps of a run: the profile copy shown with the results (and saved
// with them) never holds the credentials a URL carried.
class TstRunController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // journals: not ~
    void urlCredentialsStayOutOfTheRunsCopy();
    void interleavedRunComparesAAndB();
};

void TstRunController::urlCredentialsStayOutOfTheRunsCopy() {
    SimulatorThread sim{SimConfig{}};
    QString error;
    QVERIFY2(sim.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    Profile profile = Profile::defaultProfile();
    QUrl url = sim.baseUrl();
    url.setUserName(u"alice"_s);
    url.setPassword(u"gui-secret-pw"_s);
    url.setQuery(u"api-key=gui-query-secret"_s);
    profile.endpoints.first().url = url;
    profile.plan.concurrencies = {1};
    profile.plan.requestsPerLevel = 2;
    profile.plan.durationPerLevelS = 0;
    profile.prompts.outputTokens = 4;
    profile.prompts.calibrate = false;

    RunCollection runs;
    RunController controller(&runs);
    QSignalSpy finished(&controller, &RunController::runFinished);
    controller.start(profile);
    QVERIFY(finished.wait(60000));
    const int id = finished.first().at(0).toInt();
    const RunResult result = finished.first().at(1).value<RunResult>();
    for (const RunResult& kept : {result, runs.run(id)->result}) {
        const QString shown = kept.profile.endpoint().url.toString();
        QVERIFY2(!shown.contains(u"gui-secret-pw"_s) && !shown.contains(u"gui-query-secret"_s),
                 qPrintable(shown));
        QVERIFY2(shown.contains(u"***@"_s), qPrintable(shown));
        QVERIFY2(!kept.endpointUrl.contains(u"gui-secret-pw"_s), qPrintable(kept.endpointUrl));
    }
    QVERIFY2(result.records.size() >= 2, qPrintable(StopReasons::key(result.stopReason)));
    QVERIFY(result.records.first().ok()); // the credentials were sent, the run went on
}

// plan.interleave_with in the GUI (issue 13): A (sim:default, 5.5 ms per token) and B
// (sim:small-fast, 4 ms) measured level by level through the InterleaveRunner, two runs in
// the collection with every level, each side journaled, and the compare view opened on A vs
// B says B is faster per token, significantly, at every level.
void TstRunController::interleavedRunComparesAAndB() {
    Profile profile = Profile::defaultProfile();
    profile.endpoints.first().url = QUrl(u"sim:default"_s);
    profile.endpoints.first().name = u"slow"_s;
    profile.plan.interleaveWith = u"sim:small-fast"_s;
    profile.plan.concurrencies = {2, 4};
    profile.plan.durationPerLevelS = 2;
    profile.plan.requestsPerLevel = 0;
    profile.prompts.outputTokens = 16;
    profile.prompts.calibrate = false;

    RunCollection runs;
    RunController controller(&runs);
    RunsList list(&runs);
    connect(&controller, &RunController::interleavedFinished, &list, &RunsList::compareRuns);
    QSignalSpy pair(&controller, &RunController::interleavedFinished);
    QSignalSpy opened(&list, &RunsList::compareOpened);
    controller.start(profile);
    QVERIFY(controller.isRunning());
    QVERIFY(pair.wait(60000));
    QVERIFY(!controller.isRunning());
    const int idA = pair.first().at(0).toInt();
    const int idB = pair.first().at(1).toInt();
    QCOMPARE(controller.partnerRunId(), idB);
    const RunCollection::Run* a = runs.run(idA);
    const RunCollection::Run* b = runs.run(idB);
    QVERIFY(a && b && !a->live && !b->live);
    QVERIFY2(a->name.startsWith(u"A · slow"_s), qPrintable(a->name));
    QVERIFY2(b->name.startsWith(u"B · "_s), qPrintable(b->name));
    QCOMPARE(b->result.profile.endpoint().url.toString(), u"sim:small-fast"_s);
    for (const RunCollection::Run* side : {a, b}) {
        QCOMPARE(side->result.summary.levels.size(), 2);
        QCOMPARE(side->result.summary.levels.at(0).concurrency, 2);
        QCOMPARE(side->result.summary.levels.at(1).concurrency, 4);
    }
    // Each side's level journals: A's at the run's path, B's beside it.
    const QString journalB = InterleaveRunner::partnerJournalPath(controller.journalPath());
    for (const QString& first : {controller.journalPath(), journalB}) {
        for (int level = 0; level < 2; ++level) {
            const QString path = InterleaveRunner::journalPathFor(first, level, 0);
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QFile::remove(path);
        }
    }

    QCOMPARE(opened.size(), 1);
    auto* view = opened.first().at(0).value<CompareView*>();
    QVERIFY(view);
    const CompareModel* model = view->model();
    int fasterLevels = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 1; column < model->columnCount(); ++column) {
            const FigureComparison* cell = model->comparison(row, column);
            if (cell && cell->figure == u"tpot.p50"_s && cell->level.startsWith(u"c="_s)) {
                QVERIFY2(CompareModel::isBetter(*cell), qPrintable(cell->level));
                ++fasterLevels;
            }
        }
    }
    QCOMPARE(fasterLevels, 2);
    delete view;
}

QTEST_MAIN(TstRunController)
#include "tst_runcontroller.moc"
