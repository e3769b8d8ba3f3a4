#include "metrics/sweepaggregator.h"
#include "models/summarytext.h"
#include "syntheticrun.h"

#include <QTest>

class TestSummaryText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void wording_data();
    void wording();
    void plateauAndBestExactly();
    void serverMetricsExplainThePlateau();
    void bestLevelsCostAtThePrice();
    void embeddingsSpeakInInputsPerSecond();
};

namespace {
enum Case {
    Plateaued,
    NotPlateauedStillRising,
    LiveSoFar,
    NoBudget,
    NothingMeetsBudget,
    NoErrors,
    ClientBound,
    StoppedByUser,
    StoppedAtPlateau,
    Empty,
    EmptyLive,
    EveryRequestFailedAtTop,
    OnlyLevelFailed,
    ShortOfRequests,
};

// Every request of the level failed with http_429: nothing delivered.
void failLevel(LevelSummary& level) {
    level.successes = 0;
    level.errors = {{QStringLiteral("http_429"), level.requests}};
    level.outputThroughputTps = 0;
    level.outputThroughputTotalTps = 0;
    level.ttftMs = level.tpotMs = level.e2eMs = level.itlMs = LatencyStats();
    level.withinBudget = false;
}

// The verdicts recomputed from the levels, as the engine does.
RunResult reaggregated(RunResult run) {
    run.summary = SweepAggregator::summarize(run.summary.levels, run.profile.budget, 0.05);
    return run;
}

RunResult build(Case c) {
    SyntheticRun::Options options;
    RunResult run;
    switch (c) {
    case Plateaued:
        return SyntheticRun::make();
    case NotPlateauedStillRising:
        options.levels = 5; // c=1..16: throughput still climbing
        return SyntheticRun::make(options);
    case LiveSoFar:
        return SyntheticRun::prefix(SyntheticRun::make(), 3);
    case NoBudget:
        options.budget = false;
        return SyntheticRun::make(options);
    case NothingMeetsBudget:
        run = SyntheticRun::make();
        run.profile.budget.limits = {{LatencyMetric::Ttft, LatencyStat::P50, 20.0}};
        run.summary.budget.bestLevel = -1;
        return run;
    case NoErrors:
        options.errors = false;
        return SyntheticRun::make(options);
    case ClientBound:
        run = SyntheticRun::make();
        run.summary.levels[7].clientBound = true;
        run.summary.levels[7].clientBoundReason = QStringLiteral("client CPU at 98%");
        return run;
    case StoppedByUser:
        run = SyntheticRun::make();
        run.cancelled = true;
        run.stopReason = StopReason::Cancelled;
        return run;
    case StoppedAtPlateau:
        run = SyntheticRun::make();
        run.stopReason = StopReason::Plateau;
        return run;
    case Empty:
    case EmptyLive:
        return RunResult{};
    case EveryRequestFailedAtTop:
        options.levels = 5; // c=1..16, c=16 all failed
        options.errors = false;
        run = SyntheticRun::make(options);
        failLevel(run.summary.levels[4]);
        return reaggregated(run);
    case OnlyLevelFailed:
        options.levels = 1;
        options.errors = false;
        run = SyntheticRun::make(options);
        failLevel(run.summary.levels[0]);
        return reaggregated(run);
    case ShortOfRequests: // `-c 1..128 -n 2`: from c=4 on, fewer requests than workers
        options.errors = false;
        run = SyntheticRun::make(options);
        for (LevelSummary& level : run.summary.levels) {
            level.requests = level.successes = 2;
            if (level.concurrency > 2)
                level.targetUnreachable = QStringLiteral("plan");
        }
        return reaggregated(run);
    }
    return run;
}
} // namespace

void TestSummaryText::wording_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<bool>("live");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("absent");
    const auto row = [](const char* name, Case c, bool live, QStringList in, QStringList out) {
        QTest::newRow(name) << int(c) << live << in << out;
    };
    row("plateaued", Plateaued, false,
        {u"Throughput plateaus at ~8,200 tok/s from concurrency 64"_qs,
         u"90% of it by about concurrency 55"_qs,
         u"within your budget (TTFT p95 ≤ 500 ms) the best is concurrency 64: 8,160 tok/s, TTFT p95 450 ms"_qs},
        {u"not plateau"_qs});
    row("still rising", NotPlateauedStillRising, false,
        {u"Throughput did not plateau"_qs, u"still rising at concurrency 16"_qs,
         u"try higher concurrency"_qs},
        {u"plateaus at"_qs});
    row("live so far", LiveSoFar, true,
        {u"No plateau yet"_qs, u"so far is 943 tok/s at concurrency 4"_qs}, {u"did not"_qs});
    row("no budget", NoBudget, false, {u"no latency budget is set"_qs}, {u"within your budget"_qs});
    row("nothing in budget", NothingMeetsBudget, false,
        {u"no level meets your budget (TTFT p50 ≤ 20 ms): even concurrency 1 has TTFT p50 45 ms"_qs},
        {u"the best is"_qs});
    row("errors", Plateaued, false,
        {u"15 of 2,550 requests failed (0.59%), mostly http_429 (12), from concurrency 128 on"_qs,
         u"left out of the latency figures"_qs},
        {});
    row("no errors", NoErrors, false, {u"."_qs}, {u"failed"_qs});
    row("client bound", ClientBound, false,
        {u"The client itself may have limited the results at concurrency 128 (client CPU at 98%)."_qs},
        {});
    row("stopped by user", StoppedByUser, false, {u"The run was stopped before the end"_qs}, {});
    row("stopped at plateau", StoppedAtPlateau, false,
        {u"stopped early once throughput had plateaued"_qs}, {});
    row("empty", Empty, false, {u"No measurements in this run."_qs}, {u"plateau"_qs});
    row("empty live", EmptyLive, true, {u"Waiting for the first level"_qs}, {});
    // Issue 10: a level where everything failed said "still rising; try higher
    // concurrency". The same facts as plateau-cli's summary (tst_summarytable).
    row("every request failed at the top", EveryRequestFailedAtTop, false,
        {u"Throughput peaks at 1,790 tok/s at concurrency 8 without a clear plateau"_qs,
         u"Concurrency 16: every request failed (http_429 ×160); left out of the conclusions."_qs},
        {u"still rising"_qs, u"try higher"_qs});
    row("only level failed", OnlyLevelFailed, false,
        {u"No request succeeded, so no throughput was measured"_qs,
         u"no level meets your budget (TTFT p95 ≤ 500 ms)."_qs,
         u"Concurrency 1: every request failed (http_429 ×10)"_qs},
        {u"still rising"_qs, u"even"_qs});
    row("short of requests", ShortOfRequests, false,
        {u"still rising at concurrency 2"_qs, u"the best is concurrency 2"_qs,
         u"Concurrency 4 to concurrency 128: only 2 requests for 4 to 128 workers; left out of "
         u"the conclusions."_qs},
        {u"plateaus at"_qs, u"client itself"_qs});
}

void TestSummaryText::wording() {
    QFETCH(int, which);
    QFETCH(bool, live);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, absent);
    const QString text = SummaryText::describe(build(Case(which)), live);
    for (const QString& part : contains)
        QVERIFY2(text.contains(part), qPrintable(u"missing \""_qs + part + u"\" in: "_qs + text));
    for (const QString& part : absent)
        QVERIFY2(!text.contains(part),
                 qPrintable(u"unexpected \""_qs + part + u"\" in: "_qs + text));
    QVERIFY(text.endsWith(u'.'));
}

void TestSummaryText::plateauAndBestExactly() {
    // The example shape, on the synthetic run's numbers.
    const QString text = SummaryText::describe(SyntheticRun::make());
    QVERIFY2(text.startsWith(u"Throughput plateaus at ~8,200 tok/s from concurrency 64 (90% of it "
                             u"by about concurrency 55); within your budget (TTFT p95 ≤ 500 ms) "
                             u"the best is concurrency 64: 8,160 tok/s, TTFT p95 450 ms."_qs),
             qPrintable(text));
}

// Issue 14: with a price, the best-in-budget level's cost per million output tokens follows its
// throughput; without one, nothing is said about cost.
void TestSummaryText::bestLevelsCostAtThePrice() {
    RunResult run = SyntheticRun::make();
    QVERIFY(!SummaryText::describe(run).contains(u"per million"_qs));
    run.profile.endpoints[0].price.perHour = 10.0; // $10/h over 8,160 tok/s: $0.34 per Mtok
    const QString text = SummaryText::describe(run);
    QVERIFY2(text.contains(u"the best is concurrency 64: 8,160 tok/s, $0.34 per million output "
                           u"tokens, TTFT p95 450 ms."_qs),
             qPrintable(text));
}

// With the server's figures the summary says why the plateau is where it is (issue 12).
void TestSummaryText::serverMetricsExplainThePlateau() {
    RunResult run = SyntheticRun::make();
    QVERIFY(run.summary.plateau.plateaued);
    QVERIFY(!SummaryText::describe(run).contains(QStringLiteral("the server")));
    run.serverMetrics.enabled = true;
    for (const LevelSummary& level : std::as_const(run.summary.levels)) {
        ServerLevelFigures figures;
        figures.index = level.index;
        const bool queued = level.index >= run.summary.plateau.plateauFromLevel;
        figures.runningMean = queued ? 64.0 : double(level.concurrency);
        figures.waitingMean = queued ? std::max(0.0, level.concurrency - 64.0) : 0.0;
        figures.kvUsageMax = 0.4;
        run.serverMetrics.levels.append(figures);
    }
    const QString text = SummaryText::describe(run);
    QVERIFY2(text.contains(QStringLiteral("the server runs 64 sequences and queues the rest")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("its batch limit is the plateau.")), qPrintable(text));
}

// An embeddings run streams no tokens: its sentence is in inputs/s and its budget values leave
// out the TTFT limit it cannot have (the run in the GUI read "0 tok/s, TTFT p95 —").
void TestSummaryText::embeddingsSpeakInInputsPerSecond() {
    RunResult run = SyntheticRun::make();
    for (LevelSummary& level : run.summary.levels) {
        level.embeddings = true;
        level.inputsPerSecond = 100.0 * (level.index + 1);
        level.outputThroughputTps = 0.0;
        level.ttftMs = LatencyStats();
    }
    run.summary.plateau = PlateauResult();
    run.summary.plateau.plateauLevel = run.summary.levels.last().index;
    run.summary.plateau.plateauTps = run.summary.levels.last().inputsPerSecond;
    run.summary.budget.bestLevel = run.summary.levels.last().index;
    const QString text = SummaryText::describe(run);
    QVERIFY2(text.contains(u"inputs/s"_qs), qPrintable(text));
    QVERIFY2(!text.contains(u"tok/s"_qs), qPrintable(text));
    QVERIFY2(!text.contains(u"TTFT p95 —"_qs), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestSummaryText)
#include "tst_summarytext.moc"
