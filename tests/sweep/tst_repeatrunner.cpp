#include "loadtestsupport.h"
#include "results/journalreader.h"
#include "results/repeatedrun.h"
#include "results/resultsjson.h"
#include "sweep/repeatrunner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

// --repeat against the simulator (issue 13): three whole repetitions, each journaled apart,
// between-run intervals that hold every run's value (with three runs a Student t interval
// always does: no value lies more than 1.16 s from the mean, the half-width is 2.48 s), and
// the journals rebuilt into the same figures.
class TestRepeatRunner : public QObject {
    Q_OBJECT
private:
    static bool runRepeated(const QString& journal, RunResult* result, QList<int>* started) {
        auto sim = LoadTest::startSim(LoadTest::fastSim());
        if (!sim)
            return false;
        Profile profile = LoadTest::profileFor(sim->baseUrl(), {1, 4}, 24, 8);
        profile.plan.repeat = 3;
        RepeatRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        runner.setJournalPath(journal);
        QObject::connect(&runner, &RepeatRunner::repetitionStarted, &runner,
                         [&](int number, int count) {
                             started->append(number);
                             // The progress names the repetition from its first moment.
                             QCOMPARE(runner.progress().repetitions, count);
                         });
        QSignalSpy finished(&runner, &RepeatRunner::finished);
        runner.start();
        const bool ended = finished.wait(60000);
        sim->stop();
        if (!ended)
            return false;
        *result = finished.first().first().value<RunResult>();
        return true;
    }

    static void checkCloseTo(double a, double b) {
        QVERIFY2(std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
    }

private Q_SLOTS:
    void threeRepetitionsWithIntervalsAndJournals() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journal = dir.filePath(QStringLiteral("r.journal.jsonl"));
        RunResult result;
        QList<int> started;
        QVERIFY(runRepeated(journal, &result, &started));
        QCOMPARE(started, (QList<int>{1, 2, 3}));
        QCOMPARE(result.stopReason, StopReason::Completed);
        QCOMPARE(result.repeats.size(), qsizetype(3));
        for (const RunRepetition& rep : std::as_const(result.repeats)) {
            QCOMPARE(rep.summary.levels.size(), qsizetype(2));
            QVERIFY(rep.summary.levels.at(1).complete);
            QVERIFY(QFileInfo::exists(rep.journalPath));
        }
        QCOMPARE(result.repeats.at(1).journalPath,
                 dir.filePath(QStringLiteral("r.journal.rep2.jsonl")));
        // Fresh prompts each repetition (the plan pins no seed).
        QVERIFY(result.repeats.at(0).seed != result.repeats.at(1).seed);

        const BetweenRuns& between = result.betweenRuns;
        QCOMPARE(between.runs, 3);
        QCOMPARE(between.levels.size(), qsizetype(2));
        for (const BetweenRuns::Level& level : between.levels) {
            QCOMPARE(level.runs, 3);
            for (const QString& key : {QStringLiteral("output_tps"), QStringLiteral("ttft_p50_ms"),
                                       QStringLiteral("e2e_p95_ms")}) {
                const BetweenRunFigure* figure = level.figure(key);
                QVERIFY2(figure && figure->ci.ok(), qPrintable(key));
                double sum = 0.0;
                for (const RunRepetition& rep : std::as_const(result.repeats)) {
                    const LevelSummary* own = nullptr;
                    for (const LevelSummary& l : rep.summary.levels)
                        own = l.concurrency == level.concurrency ? &l : own;
                    QVERIFY(own);
                    const double value = BetweenRuns::figureOf(*own, key);
                    sum += value;
                    QVERIFY2(figure->ci.lo <= value && value <= figure->ci.hi,
                             qPrintable(QStringLiteral("%1 at c=%2: %3 outside [%4, %5]")
                                            .arg(key)
                                            .arg(level.concurrency)
                                            .arg(value)
                                            .arg(figure->ci.lo)
                                            .arg(figure->ci.hi)));
                }
                checkCloseTo(figure->mean, sum / 3.0);
            }
        }
        QVERIFY(between.plateauTps.ci.ok());

        // The journals, rebuilt and combined (plateau-cli recover J J.rep2 J.rep3), give the
        // same repetitions and between-run figures as the live run.
        QList<RunResult> rebuilt;
        for (const RunRepetition& rep : std::as_const(result.repeats)) {
            QString error;
            const std::optional<RunResult> one = JournalReader::read(rep.journalPath, &error);
            QVERIFY2(one, qPrintable(error));
            rebuilt.append(*one);
        }
        const RunResult again = RepeatedRun::combine(rebuilt);
        QCOMPARE(again.repeats.size(), qsizetype(3));
        QCOMPARE(again.betweenRuns.levels.size(), between.levels.size());
        for (qsizetype i = 0; i < between.levels.size(); ++i) {
            for (const QString& key : BetweenRuns::figureKeys()) {
                const BetweenRunFigure* live = between.levels.at(i).figure(key);
                const BetweenRunFigure* back = again.betweenRuns.levels.at(i).figure(key);
                QCOMPARE(back->runs, live->runs);
                if (live->isEmpty())
                    continue;
                checkCloseTo(back->mean, live->mean);
                QCOMPARE(back->ci.ok(), live->ci.ok());
                if (live->ci.ok()) {
                    checkCloseTo(back->ci.lo, live->ci.lo);
                    checkCloseTo(back->ci.hi, live->ci.hi);
                }
            }
        }
        checkCloseTo(again.betweenRuns.plateauTps.mean, between.plateauTps.mean);
    }

    void journalNamesPerRepetition() {
        QCOMPARE(RepeatRunner::journalPathFor(QStringLiteral("/t/r.journal.jsonl"), 1),
                 QStringLiteral("/t/r.journal.jsonl"));
        QCOMPARE(RepeatRunner::journalPathFor(QStringLiteral("/t/r.journal.jsonl"), 12),
                 QStringLiteral("/t/r.journal.rep12.jsonl"));
        QCOMPARE(RepeatRunner::journalPathFor(QStringLiteral("/t/journal"), 2),
                 QStringLiteral("/t/journal.rep2"));
        QCOMPARE(RepeatRunner::journalPathFor(QString(), 2), QString());
    }
};

QTEST_GUILESS_MAIN(TestRepeatRunner)
#include "tst_repeatrunner.moc"
