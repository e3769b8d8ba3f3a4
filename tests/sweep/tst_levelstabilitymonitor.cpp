#include "sweep/levelstabilitymonitor.h"

#include "metrics/latencyvalues.h"

#include <QTest>
#include <cmath>
#include <random>

// "until stable" (issue 13): when the monitor says a level has measured enough, from the
// live event counter and the finished records, against known series.
namespace {
constexpr qint64 kStart = 1'000'000'000'000;
constexpr qint64 kTickNs = 200'000'000;

qint64 at(double seconds) {
    return kStart + qint64(std::llround(seconds * 1e9));
}

SweepPlan::UntilStable targets(double minS, double maxS) {
    SweepPlan::UntilStable s;
    s.enabled = true;
    s.throughputHalfWidth = 0.02;
    s.latencyHalfWidth = 0.05;
    s.metric = LatencyMetric::Ttft;
    s.stat = LatencyStat::P95;
    s.minSeconds = minS;
    s.maxSeconds = maxS;
    return s;
}

RequestRecord withTtft(double ms, bool warmup = false, bool ok = true) {
    RequestRecord r;
    r.warmup = warmup;
    r.tSendNs = kStart;
    r.tFirstContentNs = kStart + qint64(ms * 1e6);
    r.tLastContentNs = r.tFirstContentNs + 1'000'000;
    r.tEndNs = r.tLastContentNs;
    r.outputTokens = 4;
    if (!ok)
        r.error = ErrorClass::Timeout;
    return r;
}

// Feeds `seconds` of ticks at `ratePerS` events/s (times `noise(tick)`), and `perTick`
// records a tick whose TTFT comes from `ttft(tick)`; returns the last decision.
template <typename Noise, typename Ttft>
StabilityDecision feed(LevelStabilityMonitor& m, double fromS, double toS, double ratePerS,
                       Noise noise, int perTick, Ttft ttft, qint64* events) {
    StabilityDecision last;
    int tick = 0;
    for (qint64 t = at(fromS) + kTickNs; t <= at(toS); t += kTickNs, ++tick) {
        *events += qint64(std::llround(ratePerS * 0.2 * noise(tick)));
        m.sample(t, *events);
        for (int i = 0; i < perTick; ++i)
            m.onRecord(withTtft(ttft(tick * perTick + i)));
        last = m.evaluate(t);
        if (last.stop)
            return last;
    }
    return last;
}
} // namespace

class TestLevelStabilityMonitor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void steadyLevelStopsOnceTheMinimumHasPassed() {
        // Batch means needs 5 batches of at least 5 points (200 ms ticks): about 5 s of
        // series after the first second before the throughput has an interval at all.
        qint64 events = 0;
        LevelStabilityMonitor m(targets(8.0, 60.0), kStart, events, 0.0);
        std::mt19937 rng(3);
        std::uniform_real_distribution<double> wobble(0.99, 1.01);
        const auto noise = [&](int) { return wobble(rng); };
        const auto ttft = [](int i) { return 100.0 + (i % 10); };
        const StabilityDecision early = feed(m, 0.0, 7.8, 5000.0, noise, 20, ttft, &events);
        QVERIFY(!early.stop); // stable already, but not yet at the minimum
        QVERIFY(early.stable);
        QVERIFY(early.secondsLeft > 0.0 && early.secondsLeft <= 8.0);
        const StabilityDecision done = feed(m, 7.8, 12.0, 5000.0, noise, 20, ttft, &events);
        QVERIFY(done.stop);
        QCOMPARE(done.reason, std::string("stable"));
        QVERIFY(done.throughputRelHalfWidth <= 0.02);
        QVERIFY(done.percentileRelHalfWidth <= 0.05);
    }

    void noisyLevelRunsToItsMaximum() {
        qint64 events = 0;
        LevelStabilityMonitor m(targets(2.0, 12.0), kStart, events, 0.0);
        std::mt19937 rng(7);
        std::lognormal_distribution<double> spread(0.0, 0.8);
        std::uniform_real_distribution<double> swing(0.3, 1.7);
        const auto noise = [&](int) { return swing(rng); };
        const auto ttft = [&](int) { return 100.0 * spread(rng); };
        // Decisions come once a second: the one past the maximum may be up to a second late.
        const StabilityDecision d = feed(m, 0.0, 13.5, 5000.0, noise, 2, ttft, &events);
        QVERIFY(d.stop);
        QCOMPARE(d.reason, std::string("max_duration"));
        QVERIFY(!d.stable);
        QVERIFY(d.throughputRelHalfWidth > 0.02);
    }

    void theRampIsLeftOutOfTheThroughputSeries() {
        // Two seconds of ramp at a fifth of the rate, then steady: with the ramp skipped the
        // series is steady; a monitor told there is no ramp sees the climb and is not sure.
        const auto ttft = [](int i) { return 100.0 + (i % 5); };
        const auto run = [&](double rampS) {
            std::mt19937 rng(11);
            std::uniform_real_distribution<double> wobble(0.995, 1.005);
            const auto steady = [&](int) { return wobble(rng); };
            qint64 events = 0;
            LevelStabilityMonitor m(targets(3.0, 60.0), kStart, events, rampS);
            feed(
                m, 0.0, 2.0, 1000.0, [](int) { return 1.0; }, 20, ttft, &events);
            return feed(m, 2.0, 9.5, 5000.0, steady, 20, ttft, &events);
        };
        const StabilityDecision skipped = run(2.0);
        QVERIFY(skipped.stop);
        QCOMPARE(skipped.reason, std::string("stable"));
        const StabilityDecision seen = run(0.0);
        QVERIFY(!seen.stop);
        QVERIFY(!(seen.throughputRelHalfWidth <= 0.02)); // wide, or no interval at all
    }

    void warmUpAndFailedRequestsAreNoLatencyData() {
        qint64 events = 0;
        LevelStabilityMonitor m(targets(1.0, 60.0), kStart, events, 0.0);
        for (int i = 0; i < 500; ++i) {
            m.onRecord(withTtft(100.0, /*warmup=*/true));
            m.onRecord(withTtft(100.0, false, /*ok=*/false));
        }
        for (int tick = 1; tick <= 20; ++tick) {
            events += 1000;
            m.sample(kStart + tick * kTickNs, events);
        }
        const StabilityDecision d = m.evaluate(at(4.0));
        QVERIFY(!d.stop);
        QVERIFY(std::isnan(d.percentileRelHalfWidth));
    }

    void decidesAtMostOnceASecond() {
        qint64 events = 0;
        LevelStabilityMonitor m(targets(1.0, 60.0), kStart, events, 0.0);
        const StabilityDecision first = m.evaluate(at(2.0));
        QVERIFY(std::isnan(first.throughputRelHalfWidth));
        const auto ttft = [](int i) { return 100.0 + (i % 3); };
        feed(
            m, 2.0, 2.8, 5000.0, [](int) { return 1.0; }, 50, ttft, &events);
        // Data arrived, but within the second the last decision stands.
        QVERIFY(std::isnan(m.last().percentileRelHalfWidth));
        QVERIFY(std::isfinite(m.evaluate(at(3.1)).percentileRelHalfWidth));
    }

    void latencyNamesAndValues() {
        SweepPlan::UntilStable s = targets(1.0, 2.0);
        s.metric = LatencyMetric::E2e;
        s.stat = LatencyStat::P99;
        QCOMPARE(LevelStabilityMonitor(s, kStart, 0, 0.0).latencyName(), QStringLiteral("e2e p99"));
        QCOMPARE(LevelStabilityMonitor(targets(1.0, 2.0), kStart, 0, 0.0).latencyName(),
                 QStringLiteral("TTFT p95"));
        const RequestRecord r = withTtft(40.0);
        QCOMPARE(LatencyValues::ofRequest(r, LatencyMetric::Ttft), 40.0);
        QCOMPARE(LatencyValues::ofRequest(r, LatencyMetric::E2e), 41.0);
        QVERIFY(std::isnan(LatencyValues::ofRequest(r, LatencyMetric::Itl)));
    }
};

QTEST_GUILESS_MAIN(TestLevelStabilityMonitor)
#include "tst_levelstabilitymonitor.moc"
