#include "metrics/levelcost.h"
#include "models/leveltablemodel.h"
#include "models/runcollection.h"
#include "models/runpalette.h"
#include "syntheticrun.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

class TestLevelTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void oneRowPerLevel();
    void liveRefreshInsertsRowsWithoutReset();
    void sameLevelsEmitDataChanged();
    void currentRunSwitchResets();
    void numericSortRole();
    void bestRowIsMarked();
    void headersHaveUnitsAndHelp();
    void intervalsShowAsPlusMinus();
    void serverColumns();
    void costColumns();
    void embeddingsColumns();
    void reportedTimingColumns();
};

namespace {
// A successful Ollama request at `level`: TTFT ttftMs, 11 tokens 10 ms apart, and the
// server's own durations as Ollama reports them.
RequestRecord ollamaRequest(int level, double ttftMs, double promptEvalMs) {
    constexpr qint64 kMs = 1'000'000;
    RequestRecord r;
    r.level = level;
    r.tSendNs = 1000 * kMs;
    r.tFirstContentNs = r.tSendNs + qint64(ttftMs * kMs);
    for (int i = 0; i < 11; ++i)
        r.contentEventNs.append(r.tFirstContentNs + i * 10 * kMs);
    r.tLastContentNs = r.contentEventNs.last();
    r.tEndNs = r.tLastContentNs;
    r.outputTokens = 11;
    r.outputTokensSource = TokenSource::Usage;
    r.finishReason = QStringLiteral("length");
    r.serverLoadNs = 0;
    r.serverPromptEvalNs = qint64(promptEvalMs * kMs);
    r.serverEvalNs = 90 * kMs; // 9 ms a token after the first
    r.serverTotalNs = r.serverPromptEvalNs + r.serverEvalNs + kMs;
    return r;
}
} // namespace

// Issue 14: Ollama's own per-request durations as level columns (medians), the client's
// figure over the same requests in the tooltip; hidden for a run whose server has none, and
// recomputed when a live run finishes a level.
void TestLevelTableModel::reportedTimingColumns() {
    RunResult run = SyntheticRun::make();
    run.profile.endpoints[0].flavor = QStringLiteral("ollama");
    run.records.append(ollamaRequest(0, 25, 18));
    run.records.append(ollamaRequest(0, 30, 20));
    run.records.append(ollamaRequest(0, 40, 25));
    RunCollection runs;
    RunResult chat = run;
    chat.profile.endpoints[0].flavor = QStringLiteral("openai-chat"); // its records say nothing
    const int plain = runs.addRun(chat, QStringLiteral("chat"), false);
    run.summary.levels[1].complete = false; // live: level 1 still running
    const int ollama = runs.addRun(run, QStringLiteral("ollama"), true);
    runs.setCurrent(plain);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy shown(&model, &LevelTableModel::timingColumnsChanged);
    QVERIFY(!model.isColumnShown(LevelTableModel::ReportedPromptEval));

    runs.setCurrent(ollama);
    QCOMPARE(shown.size(), 1);
    for (int column : {LevelTableModel::ReportedPromptEval, LevelTableModel::ReportedTpot,
                       LevelTableModel::ReportedTotal})
        QVERIFY(model.isColumnShown(column));
    QCOMPARE(model.headerData(LevelTableModel::ReportedTpot, Qt::Horizontal).toString(),
             QStringLiteral("Srv TPOT p50 ms"));
    const QModelIndex promptEval = model.index(0, LevelTableModel::ReportedPromptEval);
    QCOMPARE(promptEval.data(LevelTableModel::SortRole).toDouble(), 20.0);
    QCOMPARE(
        model.index(0, LevelTableModel::ReportedTpot).data(LevelTableModel::SortRole).toDouble(),
        9.0);
    QCOMPARE(
        model.index(0, LevelTableModel::ReportedTotal).data(LevelTableModel::SortRole).toDouble(),
        111.0);
    const QString tip = promptEval.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("client TTFT 30")) && tip.contains(QStringLiteral("3 ")),
             qPrintable(tip));
    // A level without such requests shows a dash, never 0.
    QCOMPARE(model.index(1, LevelTableModel::ReportedPromptEval).data().toString(),
             QStringLiteral("—"));

    // Level 1 finishes with its own requests: the figures are recomputed.
    RunResult more = run;
    more.records.append(ollamaRequest(1, 50, 40));
    more.summary.levels[1].complete = true;
    runs.updateRun(ollama, more, true);
    QCOMPARE(model.index(1, LevelTableModel::ReportedPromptEval)
                 .data(LevelTableModel::SortRole)
                 .toDouble(),
             40.0);

    runs.setCurrent(plain);
    QCOMPARE(shown.size(), 2);
    QVERIFY(!model.isColumnShown(LevelTableModel::ReportedTotal));
}

// Issue 14: an embeddings run's table read "Output tok/s 0"; it shows inputs/s and input tok/s
// instead, without the output-token and token-timing columns, and says so when the current
// run's kind flips.
void TestLevelTableModel::embeddingsColumns() {
    RunResult run = SyntheticRun::make();
    RunCollection runs;
    const int generation = runs.addRun(run, QStringLiteral("chat"), false);
    for (LevelSummary& level : run.summary.levels) {
        level.embeddings = true;
        level.inputsPerSecond = 100.0 * (level.index + 1) + 0.4;
        level.inputThroughputTps = 25600.0 * (level.index + 1);
        level.outputThroughputTps = 0.0;
        level.ttftMs = LatencyStats();
        level.batchSize = level.index < 4 ? 1 : 32;
    }
    run.profile.endpoints[0].price.perHour = 10.0;
    const int embeddings = runs.addRun(run, QStringLiteral("embeddings"), false);
    runs.setCurrent(generation);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy kind(&model, &LevelTableModel::kindColumnsChanged);
    QVERIFY(!model.isEmbeddings());
    QVERIFY(model.isColumnShown(LevelTableModel::OutputTps));
    QVERIFY(model.isColumnShown(LevelTableModel::TtftP95));
    QVERIFY(!model.isColumnShown(LevelTableModel::InputsPerS));
    QVERIFY(!model.isColumnShown(LevelTableModel::InputTps));
    QVERIFY(!model.isColumnShown(LevelTableModel::Batch));

    runs.setCurrent(embeddings);
    QVERIFY(model.isEmbeddings());
    QCOMPARE(kind.size(), 1);
    QCOMPARE(kind.constLast().constFirst().toBool(), true);
    QCOMPARE(model.headerData(LevelTableModel::InputsPerS, Qt::Horizontal).toString(),
             QStringLiteral("Inputs/s"));
    QCOMPARE(model.headerData(LevelTableModel::InputTps, Qt::Horizontal).toString(),
             QStringLiteral("Input tok/s"));
    QCOMPARE(model.index(2, LevelTableModel::InputsPerS).data().toString(),
             QStringLiteral("300.4"));
    QCOMPARE(model.index(2, LevelTableModel::InputsPerS).data(LevelTableModel::SortRole).toDouble(),
             300.4);
    QCOMPARE(model.index(1, LevelTableModel::InputTps).data().toString(), QStringLiteral("51,200"));
    QCOMPARE(model.headerData(LevelTableModel::Batch, Qt::Horizontal).toString(),
             QStringLiteral("Batch"));
    QCOMPARE(model.index(1, LevelTableModel::Batch).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(5, LevelTableModel::Batch).data().toString(), QStringLiteral("32"));
    QCOMPARE(model.index(5, LevelTableModel::Batch).data(LevelTableModel::SortRole).toDouble(),
             32.0);
    for (int column :
         {LevelTableModel::Batch, LevelTableModel::InputsPerS, LevelTableModel::InputTps,
          LevelTableModel::E2eP95, LevelTableModel::RequestRps, LevelTableModel::CostPerKRequests})
        QVERIFY2(model.isColumnShown(column), qPrintable(QString::number(column)));
    for (int column : {LevelTableModel::OutputTps, LevelTableModel::TotalTps,
                       LevelTableModel::TtftP50, LevelTableModel::TtftP95, LevelTableModel::TtftP99,
                       LevelTableModel::TpotP50, LevelTableModel::TpotP95, LevelTableModel::ItlP50,
                       LevelTableModel::ItlP99, LevelTableModel::CostPerMtok})
        QVERIFY2(!model.isColumnShown(column), qPrintable(QString::number(column)));

    runs.setCurrent(generation);
    QCOMPARE(kind.size(), 2);
    QVERIFY(!model.isColumnShown(LevelTableModel::InputsPerS));
    QVERIFY(model.isColumnShown(LevelTableModel::OutputTps));
}

// Issue 14: the level's cost at the run's endpoint price, per million output tokens and per
// 1,000 requests; the columns are announced only for a run with a price.
void TestLevelTableModel::costColumns() {
    RunResult run = SyntheticRun::make();
    RunCollection runs;
    const int plain = runs.addRun(run, QStringLiteral("no price"), false);
    run.profile.endpoints[0].price.perHour = 10.0;
    run.profile.endpoints[0].price.currency = QStringLiteral("EUR");
    const int priced = runs.addRun(run, QStringLiteral("priced"), false);
    runs.setCurrent(plain);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy shown(&model, &LevelTableModel::costColumnsChanged);
    QVERIFY(!model.hasPrice());
    QCOMPARE(model.index(0, LevelTableModel::CostPerMtok).data().toString(), QStringLiteral("—"));

    runs.setCurrent(priced);
    QVERIFY(model.hasPrice());
    QCOMPARE(shown.size(), 1);
    QCOMPARE(model.headerData(LevelTableModel::CostPerMtok, Qt::Horizontal).toString(),
             QStringLiteral("Cost / M out tok"));
    const LevelSummary& level = run.summary.levels.at(6);
    // 10 EUR an hour over the level's measured output tok/s and req/s.
    const double perMtok = 10.0 / (level.outputThroughputTps * 3600.0) * 1e6;
    const double perKRequests = 10.0 / (level.requestThroughputRps * 3600.0) * 1e3;
    QCOMPARE(
        model.index(6, LevelTableModel::CostPerMtok).data(LevelTableModel::SortRole).toDouble(),
        perMtok);
    QCOMPARE(model.index(6, LevelTableModel::CostPerMtok).data().toString(),
             LevelCost::money(perMtok, QStringLiteral("EUR")));
    QVERIFY(model.index(6, LevelTableModel::CostPerMtok).data().toString().startsWith(u'€'));
    QCOMPARE(model.index(6, LevelTableModel::CostPerKRequests).data().toString(),
             LevelCost::money(perKRequests, QStringLiteral("EUR")));
    // A busier level costs less per token at an hourly price.
    QVERIFY(
        model.index(6, LevelTableModel::CostPerMtok).data(LevelTableModel::SortRole).toDouble() <
        model.index(0, LevelTableModel::CostPerMtok).data(LevelTableModel::SortRole).toDouble());
}

// Issue 12: the server's per-level figures as columns; the cross-check flagged above 5% in
// the attention colour and bold, its tooltip saying what it means; "—" where a level has none,
// and no server columns to show for a run that did not scrape.
void TestLevelTableModel::serverColumns() {
    RunResult run = SyntheticRun::make();
    RunCollection runs;
    const int plain = runs.addRun(run, QStringLiteral("no metrics"), false);
    ServerRunMetrics& server = run.serverMetrics;
    server.enabled = true;
    server.engine = QStringLiteral("vLLM");
    ServerLevelFigures agrees;
    agrees.index = 0;
    agrees.generationTps = 1234.4;
    agrees.runningMean = 1.0;
    agrees.waitingMean = 0.0;
    agrees.kvUsageMax = 0.123;
    agrees.prefixHitRate = 0.5;
    agrees.crossCheckDifference = 0.004;
    ServerLevelFigures flagged = agrees;
    flagged.index = 7;
    flagged.runningMean = 64.0;
    flagged.waitingMean = 63.5;
    flagged.kvUsageMax = 0.98;
    flagged.crossCheckDifference = -0.12;
    flagged.crossCheckFlagged = true;
    flagged.crossCheckNote = QStringLiteral("server 7,000 tok/s vs measured 7,955 tok/s (-12.0%): "
                                            "another client on the server");
    server.levels = {agrees, flagged};
    const int scraped = runs.addRun(run, QStringLiteral("metrics"), false);

    runs.setCurrent(plain);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy shown(&model, &LevelTableModel::serverColumnsChanged);
    QVERIFY(!model.hasServerMetrics());
    QCOMPARE(model.index(0, LevelTableModel::SrvTps).data().toString(), QStringLiteral("—"));

    runs.setCurrent(scraped);
    QVERIFY(model.hasServerMetrics());
    QCOMPARE(shown.size(), 1);
    QCOMPARE(model.headerData(LevelTableModel::SrvTps, Qt::Horizontal).toString(),
             QStringLiteral("Srv tok/s"));
    QCOMPARE(model.headerData(LevelTableModel::SrvKvMax, Qt::Horizontal).toString(),
             QStringLiteral("KV max %"));
    QCOMPARE(model.index(0, LevelTableModel::SrvTps).data().toString(), QStringLiteral("1,234"));
    QCOMPARE(model.index(0, LevelTableModel::SrvKvMax).data().toString(), QStringLiteral("12.3"));
    QCOMPARE(model.index(0, LevelTableModel::SrvPrefixHit).data().toString(), QStringLiteral("50"));
    QCOMPARE(model.index(0, LevelTableModel::SrvCrossCheck).data().toString(),
             QStringLiteral("+0.4%"));
    QVERIFY(!model.index(0, LevelTableModel::SrvCrossCheck).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(7, LevelTableModel::SrvWaiting).data().toString(), QStringLiteral("63.5"));
    QCOMPARE(model.index(7, LevelTableModel::SrvKvMax).data(LevelTableModel::SortRole).toDouble(),
             98.0);
    // The flagged cross-check: marked, coloured, bold, and explained.
    const QModelIndex check = model.index(7, LevelTableModel::SrvCrossCheck);
    QCOMPARE(check.data().toString(), QStringLiteral("⚠ -12%"));
    QCOMPARE(check.data(Qt::ForegroundRole).value<QColor>(),
             RunPalette::color(RunPalette::Role::Attention));
    QVERIFY(check.data(Qt::FontRole).value<QFont>().bold());
    const QString tip = check.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("another client on the same server")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("7,955")), qPrintable(tip));
    // A level without server figures (c=2 here) shows dashes, sorted first.
    QCOMPARE(model.index(1, LevelTableModel::SrvRunning).data().toString(), QStringLiteral("—"));
    QVERIFY(std::isinf(
        model.index(1, LevelTableModel::SrvRunning).data(LevelTableModel::SortRole).toDouble()));
}

// Issue 13: a figure with a 95% interval reads "figure ±half-width"; the tooltip gives both
// ends; the sort value stays the figure itself; a figure without one is unchanged.
void TestLevelTableModel::intervalsShowAsPlusMinus() {
    RunResult run = SyntheticRun::make();
    LevelSummary& level = run.summary.levels[0];
    level.outputThroughputCi.lo = level.outputThroughputTps - 12.0;
    level.outputThroughputCi.hi = level.outputThroughputTps + 12.0;
    level.ttftMs.p50Ci.lo = 44.0;
    level.ttftMs.p50Ci.hi = 47.0;
    RunCollection runs;
    runs.addRun(run, QStringLiteral("a"), false);
    LevelTableModel model(&runs);
    QCOMPARE(model.index(0, LevelTableModel::TtftP50).data().toString(), QStringLiteral("45 ±1.5"));
    QVERIFY(model.index(0, LevelTableModel::OutputTps)
                .data()
                .toString()
                .endsWith(QStringLiteral(" ±12")));
    QCOMPARE(model.index(0, LevelTableModel::TtftP50).data(LevelTableModel::SortRole).toDouble(),
             45.0);
    QVERIFY(model.index(0, LevelTableModel::TtftP50)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("95% confidence interval: 44 to 47")));
    QCOMPARE(model.index(1, LevelTableModel::TtftP50).data().toString().contains(u'±'), false);
}

void TestLevelTableModel::oneRowPerLevel() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.columnCount(), int(LevelTableModel::ColumnCount));
    QCOMPARE(model.index(0, LevelTableModel::Label).data().toString(), QStringLiteral("c=1"));
    QCOMPARE(model.index(7, LevelTableModel::Label).data().toString(), QStringLiteral("c=128"));
    // c=128 lost 15 requests of 1,280 in the synthetic run.
    QCOMPARE(model.index(7, LevelTableModel::Requests).data().toString(), QStringLiteral("1,280"));
    QCOMPARE(model.index(7, LevelTableModel::Errors).data().toString(), QStringLiteral("15"));
    QVERIFY(model.index(7, LevelTableModel::Errors)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("http_429: 12")));
    QCOMPARE(model.index(0, LevelTableModel::TtftP50).data(LevelTableModel::SortRole).toDouble(),
             45.0);
    QCOMPARE(model.index(0, LevelTableModel::TtftP50).data().toString(), QStringLiteral("45"));
    QCOMPARE(model.index(3, LevelTableModel::Label).data(LevelTableModel::LevelIndexRole).toInt(),
             3);
    QCOMPARE(model.rowOfLevel(5), 5);
    QCOMPARE(model.rowOfLevel(42), -1);
}

void TestLevelTableModel::liveRefreshInsertsRowsWithoutReset() {
    const RunResult full = SyntheticRun::make();
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::prefix(full, 2), QStringLiteral("live"), true);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.rowCount(), 2);
    for (int levels = 3; levels <= 8; ++levels) {
        runs.updateRun(id, SyntheticRun::prefix(full, levels), levels < 8);
        QCOMPARE(model.rowCount(), levels);
    }
    runs.updateRun(id, full, false);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 6);
    QCOMPARE(model.index(7, LevelTableModel::Label).data().toString(), QStringLiteral("c=128"));
}

void TestLevelTableModel::sameLevelsEmitDataChanged() {
    RunResult run = SyntheticRun::make();
    RunCollection runs;
    const int id = runs.addRun(run, QStringLiteral("a"), true);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    run.summary.levels[7].requests = 2000; // the running level moved on
    runs.updateRun(id, run, true);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(7, LevelTableModel::Requests).data().toString(), QStringLiteral("2,000"));
}

void TestLevelTableModel::currentRunSwitchResets() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    SyntheticRun::Options shorter;
    shorter.levels = 4;
    const int b = runs.addRun(SyntheticRun::make(shorter), QStringLiteral("b"), false);
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    runs.setCurrent(b);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    runs.removeRun(b);
    QCOMPARE(model.rowCount(), 8);
    runs.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestLevelTableModel::numericSortRole() {
    RunResult run = SyntheticRun::make();
    run.summary.levels[2].ttftMs.p95 = std::numeric_limits<double>::quiet_NaN();
    RunCollection runs;
    runs.addRun(run, QStringLiteral("a"), false);
    LevelTableModel model(&runs);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(LevelTableModel::SortRole);
    proxy.sort(LevelTableModel::TtftP50, Qt::DescendingOrder);
    // Numeric, not text, order ("80" > "360" > "2,xxx" as text).
    for (int row = 0; row < 8; ++row)
        QCOMPARE(proxy.index(row, 0).data(LevelTableModel::LevelIndexRole).toInt(), 7 - row);
    proxy.sort(LevelTableModel::TtftP95, Qt::AscendingOrder);
    // A missing value sorts first, not at a random place.
    QCOMPARE(proxy.index(0, LevelTableModel::Label).data().toString(), QStringLiteral("c=4"));
    QCOMPARE(proxy.index(0, LevelTableModel::TtftP95).data().toString(), QStringLiteral("—"));
}

void TestLevelTableModel::bestRowIsMarked() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    LevelTableModel model(&runs);
    QCOMPARE(model.bestLevel(), 6);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, LevelTableModel::OutputTps);
        QCOMPARE(index.data(LevelTableModel::BestRole).toBool(), row == 6);
        QCOMPARE(index.data(Qt::BackgroundRole).isValid(), row == 6);
    }
    QVERIFY(model.index(6, LevelTableModel::Label).data().toString().contains(QStringLiteral("★")));
    QCOMPARE(model.index(6, LevelTableModel::WithinBudget).data().toString(),
             QStringLiteral("yes"));
    QCOMPARE(model.index(7, LevelTableModel::WithinBudget).data().toString(), QStringLiteral("no"));
}

void TestLevelTableModel::headersHaveUnitsAndHelp() {
    RunCollection runs;
    LevelTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int c = 0; c < model.columnCount(); ++c) {
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }
    QCOMPARE(model.headerData(LevelTableModel::TtftP95, Qt::Horizontal).toString(),
             QStringLiteral("TTFT p95 ms"));
}

QTEST_GUILESS_MAIN(TestLevelTableModel)
#include "tst_leveltablemodel.moc"
