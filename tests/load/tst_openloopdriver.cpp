// The open loop against the real simulator: arrivals follow the seeded schedule exactly
// (absolute planned times, no drift), the achieved send rate matches the target, and a
// concurrency cap holds arrivals back with the wait recorded as queue_ms.

#include "load/arrivalprocess.h"
#include "load/levelspec.h"
#include "loadtestsupport.h"

#include <QTest>
#include <algorithm>
#include <cmath>

namespace {
Profile rateProfile(const QUrl& url, double rate, int requests, int cap, int outputTokens) {
    Profile profile = LoadTest::profileFor(url, {1}, requests, outputTokens);
    profile.plan.mode = SweepPlan::Mode::Rate;
    profile.plan.rates = {rate};
    profile.plan.maxConcurrency = cap;
    return profile;
}

double median(QList<double> values) {
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}
} // namespace

class TestOpenLoopDriver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void poissonScheduleAndRate_data();
    void poissonScheduleAndRate();
    void capQueuesArrivals();
};

void TestOpenLoopDriver::poissonScheduleAndRate_data() {
    QTest::addColumn<int>("arrival");
    QTest::addColumn<double>("burstiness");
    QTest::newRow("poisson") << int(SweepPlan::Arrival::Poisson) << 1.0;
    QTest::newRow("gamma bursty") << int(SweepPlan::Arrival::Gamma) << 0.5;
}

void TestOpenLoopDriver::poissonScheduleAndRate() {
    QFETCH(int, arrival);
    QFETCH(double, burstiness);
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    constexpr double rate = 50.0;
    constexpr int requests = 100;
    Profile profile = rateProfile(sim->baseUrl(), rate, requests, 0, 4);
    profile.plan.arrival = SweepPlan::Arrival(arrival);
    profile.plan.burstiness = burstiness;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QCOMPARE(result.records.size(), qsizetype(requests));

    QList<RequestRecord> records = result.records;
    std::sort(records.begin(), records.end(),
              [](const RequestRecord& a, const RequestRecord& b) { return a.id < b.id; });
    // The planned arrivals are exactly the seeded schedule: t_i = start + sum of gaps,
    // rebuilt from the seed the results recorded (the profile left it to the run).
    QVERIFY(result.profile.plan.seed != 0);
    const LevelSpec spec = LevelSpec::fromPlan(result.profile.plan, 0, EngineOptions{});
    ArrivalProcess process(spec.arrival, spec.rate, spec.burstiness, spec.seed);
    const qint64 start = result.levels.first().startNs;
    qint64 planned = start;
    QList<double> queueMs;
    for (const RequestRecord& record : records) {
        QVERIFY(record.ok());
        QCOMPARE(record.tSchedNs, planned);
        QVERIFY(record.tSendNs >= record.tSchedNs);
        queueMs.append(record.queueMs());
        planned += process.nextGapNs();
    }
    // Achieved send rate over the level, against the schedule's own rate (the seeded
    // sample of 100 gaps is not exactly 50/s); 10% covers a late timer at either end.
    const double plannedSpan = double(records.last().tSchedNs - records.first().tSchedNs);
    const double sentSpan = double(records.last().tSendNs - records.first().tSendNs);
    const double achieved = (requests - 1) / (sentSpan / 1e9);
    const double scheduled = (requests - 1) / (plannedSpan / 1e9);
    qInfo("target %.1f/s, schedule %.2f/s, achieved %.2f/s, queue p50 %.3f ms", rate, scheduled,
          achieved, median(queueMs));
    QVERIFY(std::abs(achieved / scheduled - 1.0) < 0.10);
    // The sampled schedule's rate is within 3.5 standard errors of the target (the gaps'
    // coefficient of variation is 1/sqrt(shape); it is seeded, so this never flakes).
    const double cv = arrival == int(SweepPlan::Arrival::Gamma) ? 1.0 / std::sqrt(burstiness) : 1.0;
    QVERIFY(std::abs(scheduled / rate - 1.0) < 3.5 * cv / std::sqrt(double(requests - 1)));
    // Uncapped, a request leaves within a timer tick of its arrival (generous bound).
    QVERIFY(median(queueMs) < 20.0 * LoadTest::kSlowFactor);
}

void TestOpenLoopDriver::capQueuesArrivals() {
    // 100 arrivals/s into 2 slots of ~200 ms requests (capacity ~10/s): arrivals queue.
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    constexpr int requests = 20;
    SweepRunner runner;
    runner.setProfile(rateProfile(sim->baseUrl(), 100.0, requests, 2, 20));
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 60000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QCOMPARE(result.records.size(), qsizetype(requests));
    QCOMPARE(sim->stats().maxInFlight, 2);
    double maxQueueMs = 0.0;
    for (const RequestRecord& record : result.records) {
        QVERIFY(record.ok());
        maxQueueMs = std::max(maxQueueMs, record.queueMs());
    }
    // The last arrival (~0.2 s) waits for ~9 rounds of ~200 ms: well over a second.
    qInfo("max queue_ms under the cap: %.1f", maxQueueMs);
    QVERIFY(maxQueueMs > 1000.0);
    QCOMPARE(result.levels.first().concurrency, 2);
    QVERIFY(result.summary.levels.first().queueMs.max > 1000.0);
}

QTEST_GUILESS_MAIN(TestOpenLoopDriver)
#include "tst_openloopdriver.moc"
