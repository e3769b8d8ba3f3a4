// Refine from the GUI against the simulator (issue 13): a finished run of this session gains
// levels on the SAME run (no new run in the list), in load order on its curve, with its
// records renumbered and its summary redone. The simulator's model (as tests/sweep/tst_refine):
// a decode step takes 10 ms + 2 ms per running sequence, so TPOT p50 <= 51 ms holds up to
// c=20 and breaks from c=21; a sweep of c=4 and 32 brackets it. Levels of 1 s with short
// answers keep the test quick; the exact boundary is tst_refine's business.
#include "loadtestsupport.h"
#include "models/levelmetrics.h"
#include "models/runcollection.h"
#include "results/journalreader.h"
#include "results/resultsjson.h"
#include "results/runcontinuation.h"
#include "run/refinerun.h"
#include "run/runcontroller.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestRefineRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refineAddsLevelsToTheSameRun();
    void measureAtAddsOneLevel();
    void loadedRunIsContinuedWithAJournal();
    void liveRunsCannotBeRefined();

private:
    static QList<int> concurrencies(const RunResult& result);
    std::unique_ptr<SimulatorThread> m_sim;
    RunCollection m_runs;
    int m_runId = -1;
};

QList<int> TestRefineRun::concurrencies(const RunResult& result) {
    QList<int> out;
    for (const LevelSummary& level : result.summary.levels)
        out.append(level.concurrency);
    return out;
}

void TestRefineRun::initTestCase() {
    SimConfig config;
    config.maxBatch = 64;
    config.decodeBaseMs = 10.0;
    config.decodePerSeqMs = 2.0;
    config.prefillTokensPerS = 1e6;
    m_sim = LoadTest::startSim(config);
    QVERIFY(m_sim);
    Profile profile = LoadTest::profileFor(m_sim->baseUrl(), {4, 32}, 0, 16);
    profile.plan.durationPerLevelS = 1.0;
    profile.plan.refine = {false, 2}; // the sweep itself does not refine; the button will
    profile.budget.limits = {{LatencyMetric::Tpot, LatencyStat::P50, 51.0}};
    RunController controller(&m_runs);
    QSignalSpy finished(&controller, &RunController::runFinished);
    controller.start(profile);
    QVERIFY(finished.wait(60000));
    m_runId = finished.first().at(0).toInt();
    const RunResult& result = m_runs.run(m_runId)->result;
    QCOMPARE(concurrencies(result), (QList<int>{4, 32}));
    QVERIFY(result.summary.levels.at(0).withinBudget);
    QVERIFY(!result.summary.levels.at(1).withinBudget);
}

void TestRefineRun::cleanupTestCase() {
    if (m_sim)
        m_sim->stop();
}

void TestRefineRun::refineAddsLevelsToTheSameRun() {
    RefineRun refine(&m_runs);
    QVERIFY(refine.unavailableReason(m_runId, RefineRun::Target::BudgetBoundary).isEmpty());
    const qsizetype recordsBefore = m_runs.run(m_runId)->result.records.size();
    QSignalSpy added(&refine, &RefineRun::levelAdded);
    QSignalSpy finished(&refine, &RefineRun::finished);
    QVERIFY(refine.refine(m_runId, RefineRun::Target::BudgetBoundary));
    QVERIFY(refine.isRunning());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toInt(), m_runId);

    QCOMPARE(m_runs.runs().size(), 1); // the same run, not a new one
    const RunResult& result = m_runs.run(m_runId)->result;
    const QList<int> measured = concurrencies(result);
    // The plan's refine.maxLevels (2) extra levels, bisecting 4..32: c=18 first, then 25
    // (18 met the budget) or 11 (it broke it; a busy machine slows the simulator's steps).
    QCOMPARE(added.size(), 2);
    QCOMPARE(measured.size(), 4);
    QCOMPARE(measured.mid(0, 3), (QList<int>{4, 32, 18}));
    QVERIFY2(measured.at(3) == (result.summary.levels.at(2).withinBudget ? 25 : 11),
             qPrintable(QString::number(measured.at(3))));
    // Level numbers follow on; every new record belongs to a new level; the curve is drawn in
    // load order.
    for (int i = 0; i < result.summary.levels.size(); ++i)
        QCOMPARE(result.summary.levels.at(i).index, i);
    QVERIFY(result.records.size() > recordsBefore);
    for (qsizetype i = recordsBefore; i < result.records.size(); ++i)
        QVERIFY(result.records.at(i).level >= 2);
    QList<int> drawn;
    for (const LevelSummary& level : LevelMetrics::byLoad(result.summary.levels))
        drawn.append(level.concurrency);
    QVERIFY(std::is_sorted(drawn.cbegin(), drawn.cend()));
    // The summary was redone over every level: best in budget is the fastest level that met
    // the budget, new ones included.
    const int best = result.summary.budget.bestLevel;
    QVERIFY(best >= 0 && result.summary.levels.at(best).withinBudget);
    for (const LevelSummary& level : result.summary.levels) {
        if (level.withinBudget && level.conclusive())
            QVERIFY(level.outputThroughputTps <=
                    result.summary.levels.at(best).outputThroughputTps);
    }
    QVERIFY(!refine.isRunning());
}

void TestRefineRun::measureAtAddsOneLevel() {
    RefineRun refine(&m_runs);
    QSignalSpy finished(&refine, &RefineRun::finished);
    const qsizetype before = m_runs.run(m_runId)->result.summary.levels.size();
    QVERIFY(refine.measureAt(m_runId, 6.0));
    QVERIFY(finished.wait(60000));
    const RunResult& result = m_runs.run(m_runId)->result;
    QCOMPARE(result.summary.levels.size(), before + 1);
    QCOMPARE(result.summary.levels.constLast().concurrency, 6);
    QVERIFY(result.summary.levels.constLast().successes > 0);
    QCOMPARE(m_runs.runs().size(), 1);
}

// A run loaded from its results file: the extra level is measured now against the run's
// endpoint, put after the run's end on the run's own clock, and journaled to a new file that
// `recover` reads back.
void TestRefineRun::loadedRunIsContinuedWithAJournal() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("r.json"));
    QString error;
    QVERIFY2(ResultsJson::save(m_runs.run(m_runId)->result, file, &error), qPrintable(error));
    const std::optional<RunResult> loaded = ResultsJson::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->runStartNs, ResultsJson::loadedRunStartNs);
    const int fromFile = m_runs.addRun(*loaded, QStringLiteral("file"), false);
    const qsizetype before = loaded->summary.levels.size();

    RefineRun refine(&m_runs);
    QVERIFY(refine.runProblem(fromFile).isEmpty());
    QSignalSpy finished(&refine, &RefineRun::finished);
    QVERIFY(refine.measureAt(fromFile, 7.0));
    QVERIFY(finished.wait(60000));
    const RunResult& result = m_runs.run(fromFile)->result;
    QVERIFY2(result.summary.levels.size() == before + 1,
             qPrintable(finished.first().at(1).toString()));
    const LevelSummary& added = result.summary.levels.constLast();
    QCOMPARE(added.concurrency, 7);
    QVERIFY(added.successes > 0);
    QVERIFY(result.levels.constLast().startNs >
            RunContinuation::endNs(*loaded)); // after the loaded run, on its clock
    // Without the rebase a level measured now would lie ~1e12 ms before the loaded run.
    QVERIFY(added.windowStartMs > 0.0);

    const QString journal = refine.lastJournalPath();
    QVERIFY(!journal.isEmpty());
    const std::optional<RunResult> recovered = JournalReader::read(journal, &error);
    QVERIFY2(recovered, qPrintable(error));
    QCOMPARE(recovered->summary.levels.size(), qsizetype(1));
    QCOMPARE(recovered->summary.levels.constFirst().concurrency, 7);
    QCOMPARE(recovered->summary.levels.constFirst().successes, added.successes);
    QFile::remove(journal);
    m_runs.removeRun(fromFile);
}

void TestRefineRun::liveRunsCannotBeRefined() {
    RefineRun refine(&m_runs);
    const int live = m_runs.addRun(m_runs.run(m_runId)->result, QStringLiteral("live"), true);
    QVERIFY(!refine.runProblem(live).isEmpty());
    QVERIFY(!refine.measureAt(live, 7.0));
    QVERIFY(!refine.isRunning());
    m_runs.removeRun(live);
}

QTEST_MAIN(TestRefineRun)
#include "tst_refinerun.moc"
