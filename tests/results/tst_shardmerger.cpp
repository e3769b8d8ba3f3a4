#include "results/shardmerger.h"

#include <QTest>

// Issue 15: the merge of shard results, on synthetic shards whose figures are known.
namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kWallMs = 1'900'000'000'000;

// Shard `index` of `count`: `workers` closed-loop workers for 2 s, each request `e2eMs` long,
// 10 content events each. Its monotonic clock starts at a shard-specific origin; its wall clock
// reads `clockAheadMs` ahead of the endpoint's (and its estimate says so). A shard `lateMs`
// late starts its level that much after the schedule and still stops issuing on time.
ShardMerger::Input shard(int index, int count, int workers, int e2eMs, qint64 clockAheadMs = 0,
                         int lateMs = 0) {
    RunResult r;
    r.profile.plan.concurrencies = {count * 2};
    r.profile.plan.shard = {index, count, kWallMs, 1.0};
    r.runStartNs = (index + 1) * 7'000'000 * kMs;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(kWallMs - 1000 + clockAheadMs, Qt::UTC);
    r.stopReason = StopReason::Completed;
    r.shard.index = index;
    r.shard.count = count;
    r.shard.startAtMs = kWallMs;
    r.shard.runStartWallMs = kWallMs - 1000 + clockAheadMs; // levels start 1 s after the run
    r.shard.clock = {double(-clockAheadMs), 5.0, QStringLiteral("date_tick")};
    LevelRunInfo level;
    level.index = 0;
    level.concurrency = workers;
    level.startNs = r.runStartNs + (1000 + lateMs) * kMs;
    level.issueStopNs = r.runStartNs + 3000 * kMs;
    level.complete = true;
    quint64 id = 1;
    for (int w = 0; w < workers; ++w) {
        for (qint64 t = level.startNs; t < level.issueStopNs; t += e2eMs * kMs) {
            RequestRecord rec;
            rec.id = id++;
            rec.level = 0;
            rec.tSchedNs = rec.tSendNs = t;
            rec.tHeadersNs = t + kMs;
            rec.tFirstEventNs = rec.tFirstContentNs = t + e2eMs * kMs / 4;
            for (int e = 0; e < 10; ++e)
                rec.contentEventNs.append(rec.tFirstContentNs + e * (e2eMs * kMs * 3 / 4) / 10);
            rec.tLastContentNs = rec.contentEventNs.last();
            rec.tEndNs = t + e2eMs * kMs;
            rec.outputTokens = 10;
            rec.httpStatus = 200;
            r.records.append(rec);
            level.endNs = std::max(level.endNs, rec.tEndNs);
        }
    }
    r.levels = {level};
    LevelSummary own;
    own.index = 0;
    own.clientBound = index == 1;
    own.clientBoundReason = QStringLiteral("cpu");
    r.summary.levels = {own};
    return {r, QStringLiteral("shard-%1.json").arg(index)};
}

std::optional<RunResult> merge(const QList<ShardMerger::Input>& inputs, QString* error,
                               QStringList* warnings = nullptr,
                               const QMap<int, double>& overrides = {}) {
    QStringList ignored;
    return ShardMerger::merge(inputs, overrides, warnings ? warnings : &ignored, error);
}
} // namespace

class TestShardMerger : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void figuresComeFromEveryRecord() {
        QString error;
        const auto merged = merge({shard(0, 2, 3, 100), shard(1, 2, 1, 400)}, &error);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(merged->records.size(), 3 * 20 + 5);
        const LevelSummary& level = merged->summary.levels.at(0);
        QCOMPARE(level.concurrency, 4);
        QCOMPARE(level.maxInFlight, 4);
        QCOMPARE(level.requests, 65);
        // Exact percentiles over the union: 60 requests of 92.5 ms, 5 of 370 ms (e2e ends at
        // the last content event, 3/4 of the request's span after its first).
        QCOMPARE(level.e2eMs.p50, 92.5);
        QCOMPARE(level.e2eMs.max, 370.0);
        QVERIFY(std::abs(level.achievedConcurrency - 4.0) < 0.05);
        // Shard 1 was client-bound: so is the merge, and each shard's figures are kept.
        QVERIFY(level.clientBound);
        QVERIFY(level.clientBoundReason.contains(QLatin1String("shard 1")));
        QCOMPARE(merged->shard.shards.size(), 2);
        QVERIFY(merged->shard.merged);
        QSet<quint64> ids;
        for (const RequestRecord& r : merged->records)
            ids.insert(r.id);
        QCOMPARE(ids.size(), merged->records.size());
    }
    void aClockOffsetIsCorrected() {
        QString error;
        const auto straight = merge({shard(0, 2, 2, 100), shard(1, 2, 2, 100)}, &error);
        const auto skewed = merge({shard(0, 2, 2, 100), shard(1, 2, 2, 100, 1500)}, &error);
        QVERIFY2(straight && skewed, qPrintable(error));
        const LevelSummary& a = straight->summary.levels.at(0);
        const LevelSummary& b = skewed->summary.levels.at(0);
        QCOMPARE(b.windowSeconds, a.windowSeconds);
        QCOMPARE(b.requestThroughputRps, a.requestThroughputRps);
        QCOMPARE(b.maxInFlight, 4);
        // The same skew with its estimate overridden to 0: the shards no longer overlap fully.
        const auto wrong =
            merge({shard(0, 2, 2, 100), shard(1, 2, 2, 100, 1500)}, &error, nullptr, {{1, 0.0}});
        QVERIFY(wrong);
        QVERIFY2(wrong->summary.levels.at(0).windowSeconds < a.windowSeconds - 1.0,
                 qPrintable(QString::number(wrong->summary.levels.at(0).windowSeconds)));
        QCOMPARE(wrong->shard.shards.at(1).clock.source, QStringLiteral("override"));
    }
    void openLoopWindowStartsWhenEveryShardIs() {
        // Open loop, shard 1 started its level 500 ms late: the merged window starts when both
        // shards were issuing (1.5 s after the merged run's start), not at shard 0's first
        // arrival (1.0 s), where only half the rate was applied.
        QList<ShardMerger::Input> shards{shard(0, 2, 1, 100), shard(1, 2, 1, 100, 0, 500)};
        for (ShardMerger::Input& s : shards) {
            s.result.levels.first().isRate = true;
            s.result.levels.first().rate = 10.0;
        }
        QString error;
        const auto merged = merge(shards, &error);
        QVERIFY2(merged, qPrintable(error));
        const LevelSummary& level = merged->summary.levels.at(0);
        QCOMPARE(level.rate, 20.0);
        QCOMPARE(level.windowStartMs, 1500.0);
        QCOMPARE(level.windowSeconds, 1.5);
    }
    void theSameShardTwiceCountsOnce() {
        QString error;
        QStringList warnings;
        const auto merged = merge({shard(0, 2, 1, 100), shard(1, 2, 1, 100), shard(1, 2, 1, 100)},
                                  &error, &warnings);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(merged->records.size(), 40);
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("counted once")));
    }
    void refusals_data() {
        QTest::addColumn<QList<ShardMerger::Input>>("inputs");
        QTest::addColumn<QString>("expected");
        ShardMerger::Input otherPlan = shard(1, 2, 1, 100);
        otherPlan.result.profile.plan.durationPerLevelS = 99;
        QTest::newRow("plans") << QList<ShardMerger::Input>{shard(0, 2, 1, 100), otherPlan}
                               << QStringLiteral("disagree on the plan");
        QTest::newRow("missing") << QList<ShardMerger::Input>{shard(0, 3, 1, 100),
                                                              shard(2, 3, 1, 100)}
                                 << QStringLiteral("shard 1 of 3 is missing");
        ShardMerger::Input otherRun = shard(1, 2, 1, 100);
        otherRun.result.shard.runStartWallMs += 60000;
        otherRun.file = QStringLiteral("again.json");
        QTest::newRow("two runs") << QList<ShardMerger::Input>{shard(0, 2, 1, 100),
                                                               shard(1, 2, 1, 100), otherRun}
                                  << QStringLiteral("two different runs");
        ShardMerger::Input noLevel = shard(1, 2, 1, 100);
        noLevel.result.levels.first().index = 1;
        QTest::newRow("level") << QList<ShardMerger::Input>{shard(0, 2, 1, 100), noLevel}
                               << QStringLiteral("has no level 2 that other shards ran");
        ShardMerger::Input plain = shard(1, 2, 1, 100);
        plain.result.shard = ShardInfo{};
        QTest::newRow("not a shard") << QList<ShardMerger::Input>{shard(0, 2, 1, 100), plain}
                                     << QStringLiteral("not one shard's");
        QTest::newRow("counts") << QList<ShardMerger::Input>{shard(0, 2, 1, 100),
                                                             shard(1, 3, 1, 100)}
                                << QStringLiteral("not the same run");
    }
    void refusals() {
        QFETCH(QList<ShardMerger::Input>, inputs);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!merge(inputs, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

Q_DECLARE_METATYPE(QList<ShardMerger::Input>)
QTEST_GUILESS_MAIN(TestShardMerger)
#include "tst_shardmerger.moc"
