#include "results/betweenruns.h"
#include "results/repeatedrun.h"
#include "results/resultsjson.h"

#include <QJsonArray>
#include <QTest>
#include <random>

// Between-run intervals of a repeated run (issue 13): the statistics (a Student t interval over
// a handful of per-run values must cover the true mean at its nominal rate, which a normal
// quantile would not at N = 3), levels matched by load, and the results file's additions.
class TestBetweenRuns : public QObject {
    Q_OBJECT
private:
    static LevelSummary level(int concurrency, double tps, double ttftP95, bool complete = true) {
        LevelSummary l;
        l.index = concurrency;
        l.concurrency = concurrency;
        l.complete = complete;
        l.requests = 10;
        l.successes = 10;
        l.outputThroughputTps = tps;
        l.requestThroughputRps = tps / 100.0;
        l.ttftMs.p95 = ttftP95;
        return l;
    }

    static RunResult run(const QList<LevelSummary>& levels, double plateau) {
        RunResult r;
        r.summary.levels = levels;
        r.summary.plateau.plateauTps = plateau;
        for (const LevelSummary& l : levels) {
            LevelRunInfo info;
            info.index = l.index;
            info.concurrency = l.concurrency;
            info.complete = l.complete;
            r.levels.append(info);
        }
        r.stopReason = StopReason::Completed;
        return r;
    }

    // Share of `trials` intervals from `n` normal values (mean 100, sd 10) covering 100.
    static double coverage(int n, int trials, quint64 seed) {
        std::mt19937_64 random(seed);
        std::normal_distribution<double> normal(100.0, 10.0);
        int covered = 0;
        for (int t = 0; t < trials; ++t) {
            QList<double> values;
            for (int i = 0; i < n; ++i)
                values.append(normal(random));
            const BetweenRunFigure f = BetweenRunFigure::of(values);
            covered += f.ci.lo <= 100.0 && 100.0 <= f.ci.hi ? 1 : 0;
        }
        return double(covered) / trials;
    }

private Q_SLOTS:
    // 2000 trials: binomial sd ~0.5%. With the normal quantile 1.96 instead of t(0.975, 2) =
    // 4.30, N = 3 would cover ~0.80 and N = 5 ~0.88: the bounds tell the two apart.
    void coversTheTrueMeanAtTheNominalRate_data() {
        QTest::addColumn<int>("runs");
        QTest::newRow("3 runs") << 3;
        QTest::newRow("5 runs") << 5;
        QTest::newRow("10 runs") << 10;
    }
    void coversTheTrueMeanAtTheNominalRate() {
        QFETCH(int, runs);
        for (quint64 seed : {1u, 2u, 3u}) {
            const double rate = coverage(runs, 2000, seed * 7919 + quint64(runs));
            QVERIFY2(rate >= 0.93 && rate <= 0.97, qPrintable(QString::number(rate)));
        }
    }

    void oneRunHasAMeanAndNoInterval() {
        const BetweenRunFigure f = BetweenRunFigure::of({42.0, qQNaN()});
        QCOMPARE(f.runs, 1);
        QCOMPARE(f.mean, 42.0);
        QVERIFY(!f.ci.ok());
        QVERIFY(BetweenRunFigure::of({}).isEmpty());
        QVERIFY(RepeatedRun::combine({run({level(1, 10, 5)}, 10)}).betweenRuns.isEmpty());
    }

    // Known values: mean 110, s = 10, t(0.975, 2) = 4.302653 -> half-width 24.841.
    void levelsAreMatchedByLoad() {
        QList<RunResult> runs;
        runs << run({level(1, 100, 50), level(4, 300, 80)}, 300);
        runs << run({level(1, 110, 60), level(4, 330, 90)}, 330);
        runs << run({level(1, 120, 70), level(4, 360, 100, false)}, 120); // c=4 cut short
        const RunResult combined = RepeatedRun::combine(runs);
        QCOMPARE(combined.repeats.size(), qsizetype(3));
        const BetweenRuns& b = combined.betweenRuns;
        QCOMPARE(b.runs, 3);
        QCOMPARE(b.levels.size(), qsizetype(2));
        const BetweenRuns::Level* c1 = b.level(level(1, 0, 0));
        QVERIFY(c1);
        QCOMPARE(c1->runs, 3);
        const BetweenRunFigure* tps = c1->figure(QStringLiteral("output_tps"));
        QVERIFY(tps && tps->ci.ok());
        QCOMPARE(tps->mean, 110.0);
        QVERIFY(std::fabs(tps->ci.halfWidth() - 24.8414) < 1e-3);
        QCOMPARE(c1->figure(QStringLiteral("ttft_p95_ms"))->mean, 60.0);
        QVERIFY(!c1->figure(QStringLiteral("e2e_p99_ms"))->ci.ok()); // no run had it
        // The incomplete level does not count: two runs at c=4.
        const BetweenRuns::Level* c4 = b.level(level(4, 0, 0));
        QVERIFY(c4);
        QCOMPARE(c4->runs, 2);
        QCOMPARE(c4->figure(QStringLiteral("output_tps"))->mean, 315.0);
        QCOMPARE(b.plateauTps.runs, 3);
        QCOMPARE(b.plateauTps.mean, 250.0);
    }

    void aSeriesEndedEarlyKeepsTheLastReason() {
        RunResult second = run({level(1, 110, 60)}, 110);
        second.stopReason = StopReason::Cancelled;
        second.cancelled = true;
        const RunResult combined = RepeatedRun::combine({run({level(1, 100, 50)}, 100), second});
        QCOMPARE(combined.stopReason, StopReason::Cancelled);
        QVERIFY(combined.cancelled);
        QCOMPARE(combined.repeats.size(), qsizetype(2));
    }

    // The file keeps the first repetition's shape (its levels at the top), adds repeats[] and
    // between_runs, and reads back to the same figures.
    void resultsFileRoundTrip() {
        QList<RunResult> runs;
        runs << run({level(1, 100, 50), level(4, 300, 80)}, 300);
        runs << run({level(1, 110, 60), level(4, 330, 90)}, 330);
        runs << run({level(1, 120, 70), level(4, 360, 100)}, 360);
        const RunResult combined = RepeatedRun::combine(runs);
        const QJsonObject json = ResultsJson::toJson(combined);
        QCOMPARE(json.value(u"repeats").toArray().size(), 3);
        QCOMPARE(
            json.value(u"repeats").toArray().at(2).toObject().value(u"levels").toArray().size(), 2);
        const QJsonObject level0 = json.value(u"levels").toArray().at(0).toObject();
        QCOMPARE(level0.value(u"output_throughput_tps").toDouble(), 100.0); // the first run's
        const QJsonObject between = level0.value(u"between_runs").toObject();
        QCOMPARE(between.value(u"runs").toInt(), 3);
        QCOMPARE(between.value(u"output_tps").toObject().value(u"mean").toDouble(), 110.0);
        QCOMPARE(between.value(u"output_tps").toObject().value(u"ci95").toArray().size(), 2);
        QCOMPARE(json.value(u"between_runs").toObject().value(u"runs").toInt(), 3);

        QString error;
        const std::optional<RunResult> back = ResultsJson::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->repeats.size(), qsizetype(3));
        QCOMPARE(back->repeats.at(1).summary.levels.at(1).outputThroughputTps, 330.0);
        QCOMPARE(back->betweenRuns.runs, 3);
        QCOMPARE(back->betweenRuns.plateauTps.mean, 330.0);
        QCOMPARE(ResultsJson::toJson(*back).value(u"between_runs"), json.value(u"between_runs"));
        QCOMPARE(ResultsJson::toJson(*back).value(u"levels"), json.value(u"levels"));
        // A single run's file has none of the additions.
        const QJsonObject single = ResultsJson::toJson(runs.constFirst());
        QVERIFY(!single.contains(u"repeats"));
        QVERIFY(!single.contains(u"between_runs"));
        QVERIFY(!single.value(u"levels").toArray().at(0).toObject().contains(u"between_runs"));
    }
};

QTEST_GUILESS_MAIN(TestBetweenRuns)
#include "tst_betweenruns.moc"
