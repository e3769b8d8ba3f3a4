// The closed loop against the real simulator: N requested must mean N in flight at the
// server (Qt would silently cap one manager at 6), and never more.

#include "common/monotonicclock.h"
#include "loadtestsupport.h"

#include <QTest>
#include <algorithm>

class TestClosedLoopDriver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void serverSeesExactlyN_data();
    void serverSeesExactlyN();
    void workersReissueWhenFree();
    void durationBoundLevelDrains();
};

void TestClosedLoopDriver::serverSeesExactlyN_data() {
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("threads");
    // One network thread puts every request on the same worker: from 7 on, its managers
    // must split (7 = 6 + 1, 256 = 43 managers).
    QTest::newRow("1, one thread") << 1 << 1;
    QTest::newRow("6, one thread") << 6 << 1;
    QTest::newRow("7, one thread") << 7 << 1;
    QTest::newRow("64, one thread") << 64 << 1;
    QTest::newRow("64, default threads") << 64 << 0;
    QTest::newRow("256, one thread") << 256 << 1;
    QTest::newRow("256, default threads") << 256 << 0;
}

void TestClosedLoopDriver::serverSeesExactlyN() {
    QFETCH(int, concurrency);
    QFETCH(int, threads);
    // Requests last >= 100 steps of 10 ms (>= 1 s), far longer than the 100 ms ramp and
    // the start-up of dozens of managers on a busy machine, so every worker's first
    // request overlaps with every other's.
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);

    const int perLevel = 2 * concurrency;
    SweepRunner runner;
    runner.setProfile(LoadTest::profileFor(sim->baseUrl(), {concurrency}, perLevel, 100));
    runner.setEngineOptions(LoadTest::quickOptions(threads));
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 60000, &result));

    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QCOMPARE(result.records.size(), qsizetype(perLevel));
    for (const RequestRecord& record : result.records)
        QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));
    const SimStats stats = sim->stats();
    double maxQueueMs = 0.0;
    for (const RequestRecord& record : result.records)
        maxQueueMs = std::max(maxQueueMs, record.queueMs());
    qInfo("N=%d threads=%d: server max in flight %d (client max queue_ms %.1f)", concurrency,
          threads, stats.maxInFlight, maxQueueMs);
    QCOMPARE(stats.maxInFlight, concurrency);
    // The simulator counts a request completed just after writing its last bytes: the
    // client can have read them (and the run ended) before its thread gets that far.
    QTRY_COMPARE_WITH_TIMEOUT(sim->stats().requestsCompleted, qint64(perLevel), 10000);

    // The client's own view agrees: the most requests open at one instant is N.
    QList<QPair<qint64, int>> edges;
    for (const RequestRecord& record : result.records) {
        edges.append({record.tSendNs, +1});
        edges.append({record.tEndNs, -1});
    }
    std::sort(edges.begin(), edges.end()); // ends sort before sends at the same ns
    int open = 0;
    int peak = 0;
    for (const auto& edge : edges)
        peak = std::max(peak, open += edge.second);
    QCOMPARE(peak, concurrency);
}

void TestClosedLoopDriver::workersReissueWhenFree() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {4}, 20, 8);
    profile.plan.warmupRequests = 4;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(result.records.size(), qsizetype(24)); // 20 measured + 4 warm-up
    int warmups = 0;
    QList<qint64> ends;
    for (const RequestRecord& record : result.records) {
        QVERIFY(record.ok());
        QCOMPARE(record.level, 0);
        warmups += record.warmup ? 1 : 0;
        ends.append(record.tEndNs);
    }
    QCOMPARE(warmups, 4);
    // After the staggered start, every request is due the moment an earlier one ended:
    // its tSchedNs is exactly some earlier record's tEndNs.
    int chained = 0;
    for (const RequestRecord& record : result.records)
        chained += ends.contains(record.tSchedNs) ? 1 : 0;
    QCOMPARE(chained, 20);
    for (const RequestRecord& record : result.records)
        QVERIFY(record.tSendNs >= record.tSchedNs);
    QCOMPARE(result.levels.size(), qsizetype(1));
    const LevelRunInfo& info = result.levels.first();
    QVERIFY(info.complete);
    QVERIFY(info.issueStopNs >= info.startNs);
    QVERIFY(info.endNs >= info.issueStopNs);
    QCOMPARE(result.summary.levels.size(), qsizetype(1));
    QCOMPARE(result.summary.levels.first().requests, 20);
    QCOMPARE(result.summary.levels.first().warmupRequests, 4);
}

void TestClosedLoopDriver::durationBoundLevelDrains() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {3}, 0, 16);
    profile.plan.durationPerLevelS = 0.6;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    const LevelRunInfo& info = result.levels.first();
    const qint64 deadline = info.startNs + 600000000;
    // No request is due after the deadline, every one of them finished (drain), and the
    // steady window ends when the first worker found the level over.
    QVERIFY(result.records.size() >= 3);
    qint64 lastEnd = 0;
    for (const RequestRecord& record : result.records) {
        QVERIFY(record.ok());
        QVERIFY(record.tSchedNs < deadline);
        lastEnd = std::max(lastEnd, record.tEndNs);
    }
    QVERIFY(info.issueStopNs >= deadline);
    QCOMPARE(info.endNs, lastEnd);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(sim->stats().requestsCompleted), qint64(result.records.size()),
                              5000);
}

QTEST_GUILESS_MAIN(TestClosedLoopDriver)
#include "tst_closedloopdriver.moc"
