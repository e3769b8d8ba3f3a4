#include "models/runcollection.h"
#include "run/runslist.h"
#include "run/shardrows.h"

#include <QTest>
#include <QTreeWidget>

// Issue 15: a merged result in the runs list shows its shards as child rows (index, requests,
// errors, client-bound levels, clock offset, per-level throughput share); a plain run has none.
namespace {
LevelSummary level(int index, int concurrency, int requests, double tps, bool clientBound) {
    LevelSummary s;
    s.index = index;
    s.concurrency = concurrency;
    s.requests = requests;
    s.outputThroughputTps = tps;
    s.clientBound = clientBound;
    if (clientBound)
        s.clientBoundReason = QStringLiteral("cpu 97%");
    return s;
}

RunResult mergedResult() {
    RunResult r;
    r.shard.count = 2;
    r.shard.merged = true;
    MergedShard a{0,
                  {},
                  QStringLiteral("shard-0.json"),
                  {12.0, 5.0, QStringLiteral("date_tick")},
                  {level(0, 2, 100, 300.0, false), level(1, 4, 180, 600.0, false)}};
    MergedShard b{1,
                  {},
                  QStringLiteral("shard-1.journal.jsonl"),
                  {-1500.0, 20.0, QStringLiteral("date_tick")},
                  {level(0, 2, 100, 100.0, false), level(1, 4, 170, 600.0, true)}};
    b.levels[1].errors.insert(QStringLiteral("http_429"), 3);
    r.shard.shards = {a, b};
    // the merged levels, named by their total concurrency: shards show those names
    r.summary.levels = {level(0, 4, 200, 400.0, false), level(1, 8, 350, 1200.0, true)};
    return r;
}
} // namespace

class TestShardRows : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergedRunShowsItsShards() {
        RunCollection runs;
        RunsList list(&runs);
        const int plainId = runs.addRun(RunResult{}, QStringLiteral("plain"), false);
        const int mergedId = runs.addRun(mergedResult(), QStringLiteral("merged"), false);
        QTreeWidget* tree = list.tree();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 0);
        QTreeWidgetItem* merged = tree->topLevelItem(1);
        QCOMPARE(merged->childCount(), 2);
        QVERIFY(merged->isExpanded());
        QVERIFY(tree->rootIsDecorated());

        const QTreeWidgetItem* first = merged->child(0);
        QCOMPARE(first->text(0), QStringLiteral("shard 0/2: 280 req, 0 errors"));
        QCOMPARE(first->text(2), QStringLiteral("c=4 75% · c=8 50%")); // 300 of 400, 600 of 1200
        QVERIFY2(first->text(3).contains(QLatin1String("+12")) &&
                     first->text(3).contains(QStringLiteral("±5 ms")),
                 qPrintable(first->text(3)));
        QTreeWidgetItem* second = merged->child(1);
        QCOMPARE(second->text(0),
                 QStringLiteral("shard 1/2: 270 req, 3 errors, client-bound at c=8"));
        QCOMPARE(second->text(2), QStringLiteral("c=4 25% · c=8 50%"));
        QVERIFY2(second->text(3).contains(QLatin1String("-1,500 ms")), qPrintable(second->text(3)));
        QVERIFY(second->toolTip(0).contains(QLatin1String("cpu 97%")));
        QVERIFY(second->toolTip(0).contains(QLatin1String("shard-1.journal.jsonl")));

        // A shard row selects its run, like the run's own row, and stays the row selected
        // (a rebuild on the run change once moved the selection to the merged row).
        runs.setCurrent(plainId);
        QVERIFY(runs.currentId() != mergedId);
        QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
        QTreeWidgetItem* shardRow = tree->topLevelItem(1)->child(1);
        tree->setCurrentItem(shardRow);
        QCOMPARE(runs.currentId(), mergedId);
        QCOMPARE(tree->currentItem(), shardRow);
        // Made current elsewhere (the chart, a file opened), a run's own row is selected.
        runs.setCurrent(plainId);
        QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
    }
    void clockText() {
        QCOMPARE(ShardRows::clockText(0.0, -1.0, QStringLiteral("none")),
                 QStringLiteral("no estimate (none)"));
        QVERIFY(ShardRows::clockText(250.0, 0.0, QStringLiteral("override"))
                    .startsWith(QLatin1String("+")));
    }
};

QTEST_MAIN(TestShardRows)
#include "tst_shardrows.moc"
