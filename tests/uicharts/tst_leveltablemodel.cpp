#include "models/leveltablemodel.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QAbstractItemModelTester>
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
};

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
