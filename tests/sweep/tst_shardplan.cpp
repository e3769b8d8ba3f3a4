#include "sweep/shardplan.h"
#include "sweep/shardschedule.h"

#include <QSet>
#include <QTest>

// Issue 15: the split of every level among N shards, and the wall-clock level schedule.
class TestShardPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sharesSumToTheLevel() {
        for (int count = 1; count <= 17; ++count) {
            for (int total : {1, 2, 3, 7, 10, 16, 64, 100, 1000}) {
                int sum = 0;
                int previous = INT_MAX;
                for (int i = 0; i < count; ++i) {
                    const int share = ShardPlan::concurrencyShare(total, i, count);
                    QVERIFY2(share <= previous, "lower indices carry the remainder");
                    QVERIFY(previous == INT_MAX || previous - share <= 1);
                    previous = share;
                    sum += share;
                }
                QCOMPARE(sum, total);
            }
        }
    }
    void remainderGoesToTheLowestIndices() {
        QCOMPARE(ShardPlan::concurrencyShare(10, 0, 4), 3);
        QCOMPARE(ShardPlan::concurrencyShare(10, 1, 4), 3);
        QCOMPARE(ShardPlan::concurrencyShare(10, 2, 4), 2);
        QCOMPARE(ShardPlan::concurrencyShare(10, 3, 4), 2);
        QCOMPARE(ShardPlan::concurrencyShare(3, 3, 4), 0); // idles through the level
        QCOMPARE(ShardPlan::concurrencyShare(5, 4, 4), 0); // an index out of range gets nothing
    }
    void closedLoopLevelSplit() {
        LevelSpec level;
        level.concurrency = 3;
        level.warmupRequests = 5;
        level.durationS = 10;
        const LevelSpec third = ShardPlan::levelFor(level, 3, 4);
        QCOMPARE(third.concurrency, 0);
        QCOMPARE(third.warmupRequests, 1);
        QCOMPARE(third.durationS, 10.0);
        QCOMPARE(ShardPlan::levelFor(level, 0, 4).concurrency, 1);
        QCOMPARE(ShardPlan::levelFor(level, 0, 1).concurrency, 3); // one shard: the plan itself
    }
    void ratesAreDivided() {
        LevelSpec level;
        level.isRate = true;
        level.rate = 9.0;
        level.concurrency = 3; // the open loop's cap
        double sum = 0;
        for (int i = 0; i < 4; ++i) {
            const LevelSpec share = ShardPlan::levelFor(level, i, 4);
            QCOMPARE(share.rate, 2.25);
            QVERIFY2(share.concurrency >= 1, "a cap of 0 would mean no cap");
            sum += share.rate;
        }
        QCOMPARE(sum, 9.0);
        level.concurrency = 0; // no cap stays no cap
        QCOMPARE(ShardPlan::levelFor(level, 2, 4).concurrency, 0);
    }
    void seedsDifferPerShard() {
        QSet<quint64> seeds;
        for (int i = 0; i < 256; ++i)
            seeds.insert(ShardPlan::seedFor(42, i, 256));
        QCOMPARE(seeds.size(), 256);
        QVERIFY(!seeds.contains(42));
        QCOMPARE(ShardPlan::seedFor(42, 0, 1), quint64(42)); // a single shard is an ordinary run
        QCOMPARE(ShardPlan::seedFor(42, 3, 8), ShardPlan::seedFor(42, 3, 8)); // reproducible
        QVERIFY(ShardPlan::seedFor(42, 3, 8) != ShardPlan::seedFor(43, 3, 8));
    }
    void scheduleByTheWallClock() {
        ShardSettings shard;
        shard.count = 2;
        shard.startAtMs = 1'800'000'000'000;
        shard.levelGapS = 2.5;
        const ShardSchedule schedule(shard, 10.0);
        QVERIFY(schedule.isActive());
        QCOMPARE(schedule.plannedStartMs(0), shard.startAtMs);
        QCOMPARE(schedule.plannedStartMs(3), shard.startAtMs + 3 * 12'500);
        QCOMPARE(schedule.waitMs(1, shard.startAtMs + 2'000), qint64(10'500));
        QCOMPARE(schedule.waitMs(1, shard.startAtMs + 20'000), qint64(0)); // late: start now
        QVERIFY(!ShardSchedule().isActive());
        QCOMPARE(ShardSchedule().waitMs(5, 0), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestShardPlan)
#include "tst_shardplan.moc"
