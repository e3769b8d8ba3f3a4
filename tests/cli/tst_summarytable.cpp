#include "cli/summarytable.h"
#include "metrics/sweepaggregator.h"

#include <QRegularExpression>
#include <QTest>

namespace {
LevelSummary level(int index, int concurrency, double tps, double ttftP95) {
    LevelSummary l;
    l.index = index;
    l.concurrency = concurrency;
    l.complete = true;
    l.requests = 100;
    l.successes = 100;
    l.outputThroughputTps = tps;
    l.ttftMs.count = 100;
    l.ttftMs.p50 = ttftP95 / 2;
    l.ttftMs.p95 = ttftP95;
    l.tpotMs.p50 = 12.25;
    l.e2eMs.p50 = 1500;
    l.e2eMs.p95 = 2100;
    l.achievedConcurrency = concurrency * 0.98;
    l.withinBudget = ttftP95 <= 500;
    return l;
}

LatencyBudget ttftBudget() {
    LatencyBudget budget;
    budget.limits = {LatencyLimit{LatencyMetric::Ttft, LatencyStat::P95, 500.0}};
    return budget;
}

// A level where every request failed: nothing delivered.
LevelSummary allFailed(int index, int concurrency) {
    LevelSummary l = level(index, concurrency, 0, qQNaN());
    l.successes = 0;
    l.requests = 60;
    l.errors = {{QStringLiteral("http_429"), 60}};
    l.ttftMs = {};
    l.tpotMs = {};
    l.e2eMs = {};
    l.withinBudget = false;
    return l;
}

SweepSummary plateaued() {
    SweepSummary s;
    s.levels = {level(0, 16, 2000, 40), level(1, 32, 4000, 90), level(2, 64, 7500, 300),
                level(3, 128, 7912, 900)};
    s.plateau.plateauTps = 7912;
    s.plateau.plateauLevel = 3;
    s.plateau.plateaued = true;
    s.plateau.plateauFromLevel = 2;
    s.plateau.kneeConcurrency = 60.4;
    s.budget.hasBudget = true;
    s.budget.bestLevel = 2;
    return s;
}
} // namespace

class TestSummaryTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tableHasOneRowPerLevel() {
        SweepSummary s = plateaued();
        s.levels[1].requests = 100;
        s.levels[1].successes = 97;
        s.levels[1].errors = {{QStringLiteral("http_429"), 3}};
        s.levels[3].clientBound = true;
        const QStringList lines =
            SummaryTable::table(s, ttftBudget()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 4 + 1); // header, rows, legend
        QVERIFY(lines.at(0).startsWith(QLatin1String("level")));
        for (const char* column : {"reqs", "err", "out tok/s", "TTFT p50", "TTFT p95", "TPOT p50",
                                   "e2e p50", "e2e p95", "conc", "notes"})
            QVERIFY2(lines.at(0).contains(QLatin1String(column)), column);
        QVERIFY(lines.at(1).startsWith(QLatin1String("c=16")));
        QVERIFY(lines.at(2).contains(QLatin1String("http_429 3")));
        QVERIFY(lines.at(3).contains(QLatin1String("best in budget")));
        QVERIFY(lines.at(3).contains(QLatin1String("7,500")));
        QVERIFY(lines.at(4).contains(QLatin1String("over budget")));
        QVERIFY(lines.at(4).contains(QLatin1String("client_bound")));
        QVERIFY(lines.at(4).contains(QLatin1String("plateau")));
        // Columns line up: a row with notes starts them exactly under the header's "notes";
        // a row without notes carries no trailing blanks.
        const int notesAt = int(lines.at(0).indexOf(QLatin1String("notes")));
        for (int i = 1; i <= 4; ++i) {
            const QString& row = lines.at(i);
            QVERIFY2(!row.endsWith(QLatin1Char(' ')), qPrintable(row));
            if (row.size() > notesAt) {
                QCOMPARE(row.mid(notesAt - 2, 2), QStringLiteral("  "));
                QVERIFY2(row.at(notesAt) != QLatin1Char(' '), qPrintable(row));
            } else {
                QVERIFY2(row.size() < notesAt - 1, qPrintable(row));
            }
        }
    }
    void plateauLine() {
        const QString line = SummaryTable::plateauLine(plateaued(), ttftBudget());
        QCOMPARE(line,
                 QStringLiteral("Throughput plateaus at ~7,900 tok/s from c=64; knee at c≈60; "
                                "best within budget: c=64 (~7,500 tok/s).\n"));
    }
    void noPlateauYet() {
        SweepSummary s = plateaued();
        s.plateau.plateaued = false;
        s.plateau.plateauFromLevel = -1;
        s.budget.bestLevel = -1;
        const QString line = SummaryTable::plateauLine(s, ttftBudget());
        QVERIFY2(line.startsWith(
                     QLatin1String("No plateau yet: highest throughput ~7,900 tok/s at c=128")),
                 qPrintable(line));
        QVERIFY(!line.contains(QLatin1String("knee")));
        QVERIFY2(line.contains(QLatin1String("no level meets the budget ttft:p95<=500")),
                 qPrintable(line));
    }
    // Embeddings (issue 14): inputs/s, input tok/s and e2e columns, no TTFT/TPOT, and the
    // plateau sentence in inputs/s.
    void embeddingsColumns() {
        SweepSummary s = plateaued();
        for (LevelSummary& l : s.levels) {
            l.embeddings = true;
            l.inputsPerSecond = l.outputThroughputTps / 10;
            l.inputThroughputTps = l.inputsPerSecond * 32;
            l.outputThroughputTps = 0;
            l.ttftMs = {};
            l.tpotMs = {};
            l.e2eMs.p99 = 2500;
        }
        s.plateau.plateauTps = s.levels[3].inputsPerSecond;
        const QStringList lines =
            SummaryTable::table(s, {}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 4 + 1);
        for (const char* column :
             {"reqs", "err", "inputs/s", "in tok/s", "e2e p50", "e2e p95", "e2e p99", "conc"})
            QVERIFY2(lines.at(0).contains(QLatin1String(column)), column);
        for (const char* absent : {"TTFT", "TPOT", "out tok/s"})
            QVERIFY2(!lines.at(0).contains(QLatin1String(absent)), absent);
        QVERIFY2(lines.at(4).contains(QLatin1String("791")), qPrintable(lines.at(4)));
        QVERIFY2(lines.at(4).contains(QLatin1String("25,318")), qPrintable(lines.at(4)));
        QVERIFY(lines.at(5).contains(QLatin1String("no TTFT/TPOT")));
        const QString line = SummaryTable::plateauLine(s, {});
        QVERIFY2(line.startsWith(QLatin1String("Throughput plateaus at ~790 inputs/s from c=64")),
                 qPrintable(line));
    }
    // Issue 14: a batch-size sweep (c=1,2 x batch 1,8): a batch column, each batch size's own
    // plateau and peak notes, the sentence names the batch of the best level and gives the
    // plateau per batch size.
    void batchSizeGrid() {
        QList<LevelSummary> levels;
        const double inputsPerS[] = {90, 170, 400, 780};
        for (int i = 0; i < 4; ++i) {
            LevelSummary l = level(i, i % 2 == 0 ? 1 : 2, 0, qQNaN());
            l.embeddings = true;
            l.batchSize = i < 2 ? 1 : 8;
            l.inputsPerSecond = inputsPerS[i];
            l.inputThroughputTps = inputsPerS[i] * 32;
            l.e2eMs.count = 100;
            l.e2eMs.p95 = 10.0 * (i + 1);
            levels.append(l);
        }
        LatencyBudget budget;
        budget.limits = {LatencyLimit{LatencyMetric::E2e, LatencyStat::P95, 35.0}};
        const SweepSummary s = SweepAggregator::summarize(levels, budget, 0.05);
        QCOMPARE(s.batchPlateaus.size(), qsizetype(2));
        const QStringList lines =
            SummaryTable::table(s, budget).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.at(0).contains(QRegularExpression(QStringLiteral("^level +batch +reqs"))),
                 qPrintable(lines.at(0)));
        // Rows batch by batch, each in load order, as the grid ran them (c=1, c=2 at batch 1,
        // then at batch 8). Each curve's peak is its own c=2 level; the best in budget is c=1
        // at batch 8.
        QVERIFY2(lines.at(1).contains(QRegularExpression(QStringLiteral("^c=1 +1 +100 "))),
                 qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).contains(QRegularExpression(QStringLiteral("^c=2 +1 +100 "))),
                 qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).contains(QRegularExpression(QStringLiteral("^c=1 +8 +100 "))),
                 qPrintable(lines.at(3)));
        QVERIFY2(lines.at(4).contains(QRegularExpression(QStringLiteral("^c=2 +8 +100 "))),
                 qPrintable(lines.at(4)));
        QVERIFY2(lines.at(2).contains(QLatin1String("peak")), qPrintable(lines.at(2)));
        QVERIFY2(lines.at(4).contains(QLatin1String("peak")), qPrintable(lines.at(4)));
        QVERIFY2(!lines.at(1).contains(QLatin1String("peak")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(3).contains(QLatin1String("best in budget")), qPrintable(lines.at(3)));
        const QString line = SummaryTable::plateauLine(s, budget);
        QVERIFY2(line.contains(QLatin1String("at c=2, batch 8")), qPrintable(line));
        QVERIFY2(line.contains(QLatin1String("best within budget: c=1, batch 8 (~400 inputs/s")),
                 qPrintable(line));
        QVERIFY2(
            line.contains(QLatin1String("per batch size: batch 1 ~170, batch 8 ~780 inputs/s")),
            qPrintable(line));
    }
    void noBudget() {
        SweepSummary s = plateaued();
        s.budget = {};
        QVERIFY(SummaryTable::plateauLine(s, {}).contains(QLatin1String("no latency budget set")));
    }
    // Issue 10: a level where everything failed said "still rising; try higher
    // concurrency". It says what happened, and the peak before it is not "still rising".
    void everyRequestFailedAtTheTop() {
        const SweepSummary s = SweepAggregator::summarize(
            {level(0, 16, 2000, 40), level(1, 32, 4000, 90), allFailed(2, 64)}, ttftBudget(), 0.05);
        const QString line = SummaryTable::plateauLine(s, ttftBudget());
        QVERIFY2(!line.contains(QLatin1String("still rising")), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("try higher")), qPrintable(line));
        QCOMPARE(line, QStringLiteral("Throughput peaks at ~4,000 tok/s at c=32 without a clear "
                                      "plateau; best within budget: c=32 (~4,000 tok/s).\n"
                                      "c=64: every request failed (http_429 ×60); left out of the "
                                      "conclusions.\n"));
        const QString table = SummaryTable::table(s, ttftBudget());
        QVERIFY2(table.contains(QLatin1String("left out: every request failed")),
                 qPrintable(table));
    }
    void onlyLevelFailed() {
        const SweepSummary s = SweepAggregator::summarize({allFailed(0, 64)}, ttftBudget(), 0.05);
        QCOMPARE(SummaryTable::plateauLine(s, ttftBudget()),
                 QStringLiteral("No throughput measured (no request succeeded); no level meets "
                                "the budget ttft:p95<=500.\nc=64: every request failed (http_429 "
                                "×60); left out of the conclusions.\n"));
    }
    // Issue 10, item 8: levels short of requests (the plan's doing) are named as such, and
    // neither plateau nor best within budget comes from them.
    void levelsShortOfRequests() {
        QList<LevelSummary> levels = {level(0, 1, 100, 40), level(1, 2, 200, 40)};
        for (int c = 4, i = 2; c <= 128; c *= 2, ++i) {
            LevelSummary l = level(i, c, 200 + i, 40);
            l.requests = l.successes = 2;
            l.targetUnreachable = QStringLiteral("plan");
            levels.append(l);
        }
        for (LevelSummary& l : levels)
            l.e2eMs.p50 = 1500 + l.concurrency; // rising, as with 2 streams sharing the server
        const SweepSummary s = SweepAggregator::summarize(levels, ttftBudget(), 0.05);
        const QString line = SummaryTable::plateauLine(s, ttftBudget());
        QCOMPARE(line, QStringLiteral("No plateau yet: highest throughput ~200 tok/s at c=2 (still "
                                      "rising; try higher concurrency); best within budget: c=2 "
                                      "(~200 tok/s).\nc=4 to c=128: only 2 requests for 4 to 128 "
                                      "workers; left out of the conclusions.\n"));
        const QStringList rows = SummaryTable::table(s, ttftBudget()).split(QLatin1Char('\n'));
        QVERIFY2(rows.at(8).contains(QLatin1String(
                     "left out: only 2 requests for 128 workers, never 128 in flight")),
                 qPrintable(rows.at(8)));
        QVERIFY2(!rows.at(8).contains(QLatin1String("client_bound")), qPrintable(rows.at(8)));
    }
    // Issue 10, item 7: a level measured over its wall time says so in its notes and the
    // legend.
    void wallTimeThroughputIsNoted() {
        SweepSummary s = plateaued();
        s.levels[3].throughputSource = QStringLiteral("wall_time");
        s.levels[3].throughputNote =
            QStringLiteral("steady window 0.4 ms is shorter than 10 inter-token gaps (60 ms); "
                           "rates over the level's wall time (2.1 s)");
        const QStringList lines =
            SummaryTable::table(s, ttftBudget()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.at(4).contains(
                     QLatin1String("tok/s over wall time: steady window 0.4 ms is shorter than 10 "
                                   "inter-token gaps (60 ms)")),
                 qPrintable(lines.at(4)));
        QVERIFY2(lines.constLast().contains(QLatin1String("or the wall time where noted")),
                 qPrintable(lines.constLast()));
        QVERIFY(!SummaryTable::table(plateaued(), ttftBudget()).contains(QLatin1String("wall")));
    }
    void empty() {
        QCOMPARE(SummaryTable::plateauLine({}, {}),
                 QStringLiteral("No level finished: nothing to summarise.\n"));
        // No table of headers alone: the one line.
        QCOMPARE(SummaryTable::render(RunResult{}),
                 QStringLiteral("No level finished: nothing to summarise.\n"));
    }
};

QTEST_GUILESS_MAIN(TestSummaryTable)
#include "tst_summarytable.moc"
