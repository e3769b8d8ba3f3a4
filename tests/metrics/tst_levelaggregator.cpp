#include "metrics/levelaggregator.h"
#include "synthrecords.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace Qt::StringLiterals;
using Synth::at;

namespace {
struct Level {
    LevelRunInfo info;
    QList<RequestRecord> records;
};

LevelSummary summarize(const Level& level, const LatencyBudget& budget = {}) {
    return LevelAggregator::summarize(level.info, level.records, budget, Synth::kRunStartNs);
}

// Relative tolerance for figures that go through a division or two: 1e-9 is far tighter
// than any real disagreement and far looser than rounding.
bool near(double actual, double expected) {
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

#define QCOMPARE_NEAR(actual, expected)                                                            \
    QVERIFY2(near((actual), (expected)),                                                           \
             qPrintable(u"%1 = %2, expected %3"_s.arg(QStringLiteral(#actual))                     \
                            .arg(actual, 0, 'g', 12)                                               \
                            .arg(expected, 0, 'g', 12)))

// c=8 for durationMs: each worker sends back-to-back streams of 60 events whose gaps vary
// from stream to stream (5-25 ms, seeded), so the output rate varies as a served load's does.
Level jitteredLevel(double durationMs) {
    Level level{Synth::closedLoop(8, durationMs), {}};
    std::mt19937 rng(13);
    std::uniform_real_distribution<double> gap(5.0, 25.0);
    for (int w = 0; w < 8; ++w) {
        double t = w * 0.5;
        while (t < durationMs) {
            const double g = gap(rng);
            level.records.append(Synth::stream(t, 60, g));
            t += 60 * g;
        }
    }
    return level;
}

LatencyBudget budgetOf(const QString& metric, const QString& stat, double maxMs) {
    LatencyBudget b;
    b.limits.append(
        {*LatencyNames::metricFromKey(metric), *LatencyNames::statFromKey(stat), maxMs});
    return b;
}
} // namespace

Q_DECLARE_METATYPE(Level)
Q_DECLARE_METATYPE(LatencyBudget)

class TestLevelAggregator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Steady-window figures on hand-built levels where ramp-up and drain would change the
    // answer. Every stream delivers one token per gap; see each row for the arithmetic.
    void steadyWindow_data() {
        QTest::addColumn<Level>("level");
        QTest::addColumn<double>("windowStartMs");
        QTest::addColumn<double>("windowEndMs");
        QTest::addColumn<double>("outputTps");
        QTest::addColumn<double>("totalTps");
        QTest::addColumn<double>("requestRps");
        QTest::addColumn<double>("achieved");

        // c=2. Worker A: 4 streams of 10 tokens, 10 ms apart (100 ms each) from 0; worker B:
        // 3 such streams from 50; B stops issuing at 350. Window [50,350]: 2 streams of
        // 100 tok/s -> 200 tok/s (60 tokens in 0.3 s: A 5+10+10+5, B 10+10+10). The whole
        // level (70 tokens over 0.4 s) gives 175: ramp and drain would understate it.
        // Requests: A's first and last are half inside, the rest wholly -> 6 / 0.3 s = 20.
        QTest::newRow("c=2, ramp and drain")
            << Level{Synth::closedLoop(2, 350),
                     Synth::worker(0, 4, 10, 10) + Synth::worker(50, 3, 10, 10)}
            << 50.0 << 350.0 << 200.0 << 175.0 << 20.0 << 2.0;

        // c=3, workers start at 0, 30, 60; 3 streams each of 10 tokens 9 ms apart (90 ms).
        // Issue stop unknown -> last send, 240. Window [60,240]: 3 streams of 1/9 tok/ms ->
        // 333.33 tok/s (60 tokens in 0.18 s). Whole level: 90 tokens over 0.33 s = 272.73.
        // Requests: each worker has 2 request-equivalents inside -> 6 / 0.18 s.
        QTest::newRow("c=3, issue stop unknown")
            << Level{Synth::closedLoop(3, -1), Synth::worker(0, 3, 10, 9) +
                                                   Synth::worker(30, 3, 10, 9) +
                                                   Synth::worker(60, 3, 10, 9)}
            << 60.0 << 240.0 << 60 / 0.18 << 90 / 0.33 << 6 / 0.18 << 3.0;

        // Open loop at 10 rps: arrivals at 0,100,200,300, each 10 tokens 15 ms apart
        // (150 ms). Window [0,300] (from the first arrival to the issue stop). Tokens inside:
        // 10 + 10 + 6 (the third's events 215..290) + 0 = 26 -> 86.67 tok/s. In flight:
        // 1,2,1,2,1 over 100,50,50,50,50 ms = 400 request-ms / 300 ms = 1.333. Requests:
        // 1 + 1 + 100/150 = 2.667 / 0.3 s. Whole level: 40 tokens over 0.45 s.
        QList<RequestRecord> open;
        for (int i = 0; i < 4; ++i)
            open.append(Synth::stream(100 * i, 10, 15));
        QTest::newRow("open loop") << Level{Synth::openLoop(10, 300), open} << 0.0 << 300.0
                                   << 26 / 0.3 << 40 / 0.45 << (2 + 2 / 3.0) / 0.3 << 4 / 3.0;
    }
    void steadyWindow() {
        QFETCH(Level, level);
        QFETCH(double, windowStartMs);
        QFETCH(double, windowEndMs);
        QFETCH(double, outputTps);
        QFETCH(double, totalTps);
        QFETCH(double, requestRps);
        QFETCH(double, achieved);
        const LevelSummary s = summarize(level);
        QCOMPARE_NEAR(s.windowStartMs, windowStartMs);
        QCOMPARE_NEAR(s.windowEndMs, windowEndMs);
        QCOMPARE_NEAR(s.windowSeconds, (windowEndMs - windowStartMs) / 1e3);
        QCOMPARE_NEAR(s.outputThroughputTps, outputTps);
        QCOMPARE_NEAR(s.outputThroughputTotalTps, totalTps);
        QCOMPARE_NEAR(s.requestThroughputRps, requestRps);
        QCOMPARE_NEAR(s.inputThroughputTps, 100 * requestRps); // 100 input tokens each
        QCOMPARE_NEAR(s.achievedConcurrency, achieved);
        // Every request meets an empty budget.
        QCOMPARE_NEAR(s.goodputRps, requestRps);
        // Equal-length requests in a steady window: Little's law holds exactly.
        QCOMPARE_NEAR(s.littleLawConcurrency, achieved);
        QVERIFY(!s.littleLawMismatch);
        QVERIFY2(!s.clientBound, qPrintable(s.clientBoundReason));
        QVERIFY(s.withinBudget);
        QCOMPARE(s.throughputSource, u"steady_window"_s);
        QVERIFY(s.throughputNote.isEmpty());
        QVERIFY(s.conclusive());
    }

    // Statistics cover successful measured requests only; errors are counted by class over
    // measured requests; warm-up is counted apart and left out of both.
    void warmupAndErrors() {
        QList<RequestRecord> records = {
            Synth::stream(0, 10, 5, -1, true),               // warm-up, ttft 5
            Synth::failed(0, 30, ErrorClass::Http5xx, true), // warm-up failure
            Synth::stream(100, 3, 10), /* ttft 10, gaps 10 10, e2e 30, tpot 10 */
            Synth::stream(100, 2, 20), /* ttft 20, gaps 20, e2e 40, tpot 20 */
            Synth::stream(100, 4, 30), /* ttft 30, gaps 30 30 30, e2e 120, tpot 30 */
            Synth::stream(100, 1, 40), /* ttft 40, no gap, e2e 40, no tpot */
            Synth::failed(100, 105, ErrorClass::Http429),
            Synth::failed(110, 112, ErrorClass::Http429),
        };
        // A stream reset after two tokens: its 1 ms TTFT must not reach the statistics.
        RequestRecord reset = Synth::stream(100, 2, 1);
        reset.error = ErrorClass::Reset;
        records.append(reset);

        const LevelSummary s = summarize({Synth::closedLoop(4, 150), records});
        QCOMPARE(s.requests, 7);
        QCOMPARE(s.successes, 4);
        QCOMPARE(s.warmupRequests, 2);
        QCOMPARE(s.errors, (QMap<QString, int>{{ErrorClass::Http429, 2}, {ErrorClass::Reset, 1}}));
        QCOMPARE(s.outputTokens, qint64(3 + 2 + 4 + 1));
        QCOMPARE(s.inputTokens, qint64(4 * 100));
        // TTFT [10,20,30,40]: p50 rank 1.5 -> 25; p90 rank 2.7 -> 37.
        QCOMPARE(s.ttftMs.count, 4);
        QCOMPARE(s.ttftMs.min, 10.0);
        QCOMPARE(s.ttftMs.p50, 25.0);
        QCOMPARE(s.ttftMs.p90, 37.0);
        // TPOT only where output_tokens > 1: [10,20,30].
        QCOMPARE(s.tpotMs.count, 3);
        QCOMPARE(s.tpotMs.mean, 20.0);
        // e2e [30,40,40,120]: mean 57.5, p50 40.
        QCOMPARE(s.e2eMs.mean, 57.5);
        QCOMPARE(s.e2eMs.p50, 40.0);
        // ITL pooled per event gap across requests: [10,10,20,30,30,30], p50 rank 2.5 -> 25.
        QCOMPARE(s.itlMs.count, 6);
        QCOMPARE(s.itlMs.p50, 25.0);
        QCOMPARE(s.itlMs.max, 30.0);
        QCOMPARE(s.queueMs.max, 0.0);
        QCOMPARE(s.ttfbMs.count, 4);
        QCOMPARE(s.ttfeMs.count, 4);
        QCOMPARE(s.errorRate(), 3.0 / 7.0);
    }

    // A failed request's partial output is not delivered output: it never counts toward
    // throughput, not even the tokens that arrived inside the window (issue 10: "2 of 2
    // failed, 111 tok/s"). Before the fix this level read 190 tok/s.
    void failedRequestTokensNeverCount() {
        // c=2, issue stop 100. A: 10 tokens over [0,100]. B: reset after 5 tokens (events
        // 10..50, ends 55), then a new stream from 55 whose events 65,75,85,95 fall inside.
        RequestRecord reset = Synth::stream(0, 5, 10);
        reset.tEndNs = at(55);
        reset.error = ErrorClass::Reset;
        const QList<RequestRecord> records = {Synth::stream(0, 10, 10), reset,
                                              Synth::stream(55, 10, 10)};
        const LevelSummary s = summarize({Synth::closedLoop(2, 100), records});
        // 10 + 4 = 14 successful tokens in 0.1 s; the reset stream's 5 are left out.
        QCOMPARE(s.throughputSource, u"steady_window"_s);
        QCOMPARE_NEAR(s.outputThroughputTps, 140.0);
        QCOMPARE(s.outputTokens, qint64(20));
        QCOMPARE_NEAR(s.outputThroughputTotalTps, 20 / 0.155);
        QCOMPARE(s.errors.value(ErrorClass::Reset), 1);
    }

    // Every request failed after streaming part of its answer: nothing was delivered, so
    // 0 tok/s, and the level says what happened instead of standing for its load.
    void everyRequestFailedDeliversNothing() {
        QList<RequestRecord> records;
        for (int i = 0; i < 2; ++i) {
            RequestRecord r = Synth::stream(0, 10, 10);
            r.error = ErrorClass::StreamErrorEvent;
            records.append(r);
        }
        const LevelSummary s = summarize({Synth::closedLoop(2, 100), records});
        QCOMPARE(s.successes, 0);
        QCOMPARE_NEAR(s.outputThroughputTps, 0.0);
        QVERIFY(!s.conclusive());
        QCOMPARE(s.inconclusiveReason(), u"every request failed (stream_error_event ×2)"_s);
    }

    // Issue 10, item 7: a steady window of a fraction of a millisecond (the target was
    // reached when the last worker sent, and the first request failed fast right after)
    // held no token and read 0 tok/s, though the level delivered 60 tokens. Such a window
    // cannot carry a rate: the level falls back, visibly, to its wall-time figures.
    void slimWindowFallsBackToWallTime() {
        // c=4, one request each (the plan's n = c). A: sent at 0, 429 at 3.4 ms. B, C, D:
        // sent at 1, 2, 3 ms, 20 tokens 10 ms apart (200 ms). 4 in flight from 3 ms; A's
        // failure at 3.4 ms stops issuing: window [3, 3.4] = 0.4 ms, no token inside.
        const QList<RequestRecord> records = {Synth::failed(0, 3.4, ErrorClass::Http429),
                                              Synth::stream(1, 20, 10), Synth::stream(2, 20, 10),
                                              Synth::stream(3, 20, 10)};
        const LevelSummary s = summarize({Synth::closedLoop(4, 3.4), records});
        QCOMPARE_NEAR(s.windowStartMs, 3.0);
        QCOMPARE_NEAR(s.windowEndMs, 3.4);
        QVERIFY(s.targetUnreachable.isEmpty());
        // Wall time: first send 0 to last end 203 ms; 60 successful tokens.
        QCOMPARE(s.throughputSource, u"wall_time"_s);
        QCOMPARE_NEAR(s.outputThroughputTotalTps, 60 / 0.203);
        QCOMPARE_NEAR(s.outputThroughputTps, s.outputThroughputTotalTps);
        QCOMPARE_NEAR(s.requestThroughputRps, 3 / 0.203);
        QCOMPARE_NEAR(s.inputThroughputTps, 300 / 0.203);
        // In flight over [0, 203]: A 3.4 ms + B, C, D 200 ms each.
        QCOMPARE_NEAR(s.achievedConcurrency, 603.4 / 203);
        QVERIFY2(s.throughputNote.contains(u"steady window 0.4 ms is shorter than 10 "
                                           u"inter-token gaps (100 ms)"_s),
                 qPrintable(s.throughputNote));
        QVERIFY2(s.throughputNote.contains(u"wall time"_s), qPrintable(s.throughputNote));
        QVERIFY(s.conclusive());             // a true (if diluted) figure, flagged
        QVERIFY(!s.outputThroughputCi.ok()); // rates over the wall time carry no interval
        QVERIFY(!s.outputThroughputCi.note.isEmpty());
    }

    // Issue 13: the steady-window throughput carries a batch-means interval around the
    // reported figure; it narrows like 1/sqrt(duration) (4x longer: about half as wide), and
    // a window too short for 5 independent batches has none, and says why;
    // every latency percentile with enough samples carries its order-statistic interval.
    void throughputInterval() {
        const LevelSummary shortLevel = summarize(jitteredLevel(30'000));
        const LevelSummary longLevel = summarize(jitteredLevel(120'000));
        for (const LevelSummary* s : {&shortLevel, &longLevel}) {
            QCOMPARE(s->throughputSource, u"steady_window"_s);
            QVERIFY2(s->outputThroughputCi.ok(), qPrintable(s->outputThroughputCi.note));
            QCOMPARE_NEAR((s->outputThroughputCi.lo + s->outputThroughputCi.hi) / 2,
                          s->outputThroughputTps);
            QVERIFY(s->outputThroughputCi.degreesOfFreedom >= 4);
            QVERIFY(s->outputThroughputCi.degreesOfFreedom <= 19);
            // 8 streams at ~100 tok/s each: the figure is near 800 and the interval is a few %.
            QVERIFY(s->outputThroughputCi.halfWidth() > 0.0);
            QVERIFY(s->outputThroughputCi.halfWidth() < 0.1 * s->outputThroughputTps);
            QVERIFY(s->ttftMs.p50Ci.ok());
            QVERIFY(s->ttftMs.p50Ci.lo <= s->ttftMs.p50 && s->ttftMs.p50 <= s->ttftMs.p50Ci.hi);
        }
        const double ratio =
            longLevel.outputThroughputCi.halfWidth() / shortLevel.outputThroughputCi.halfWidth();
        QVERIFY2(ratio > 0.25 && ratio < 0.9, qPrintable(QString::number(ratio)));
        // The short level has ~33 requests per worker: too few for a p99 interval (299).
        QVERIFY(!shortLevel.ttftMs.p99Ci.ok());
        // 10 s: the rate stays correlated over seconds (a stream's pace lasts ~1 s x 8).
        const LevelSummary tooShort = summarize(jitteredLevel(10'000));
        QVERIFY(!tooShort.outputThroughputCi.ok());
        QVERIFY2(tooShort.outputThroughputCi.note.contains(u"not enough data"_s),
                 qPrintable(tooShort.outputThroughputCi.note));
    }

    // A single request: its window is its own lifetime, a couple of token gaps long; the
    // wall time is the same stretch, flagged, and the figure is what it delivered.
    void singleRequest() {
        const LevelSummary s = summarize({Synth::closedLoop(1, 30), {Synth::stream(0, 3, 10)}});
        QCOMPARE(s.throughputSource, u"wall_time"_s);
        QCOMPARE_NEAR(s.outputThroughputTps, 3 / 0.03);
        QCOMPARE_NEAR(s.requestThroughputRps, 1 / 0.03);
        QCOMPARE_NEAR(s.littleLawConcurrency, 1.0);
        QVERIFY(!s.littleLawMismatch);
    }

    // Embeddings (issue 14): no stream, so no TTFT/TPOT/ITL at all (empty, not zeros); the
    // rates are inputs/s and input tokens/s, each request by its lifetime share.
    void embeddingsRatesAndNoTtft() {
        // c=1, back-to-back answers of 40 ms, 8 inputs and 256 input tokens each: 200 inputs/s
        // and 6,400 input tokens/s over any window.
        QList<RequestRecord> records;
        for (int i = 0; i < 10; ++i) {
            RequestRecord r;
            r.tSchedNs = r.tSendNs = at(40.0 * i);
            r.tHeadersNs = r.tLastContentNs = r.tEndNs = at(40.0 * (i + 1));
            r.outputTokensSource = TokenSource::Usage;
            r.inputTokens = 256;
            r.inputTokensSource = TokenSource::Usage;
            r.embeddingInputs = 8;
            r.httpStatus = 200;
            r.finishReason = u"stop"_s;
            records.append(r);
        }
        const LevelSummary s = summarize({Synth::closedLoop(1, 400), records});
        QVERIFY(s.embeddings);
        QCOMPARE(s.embeddingInputs, qint64(80));
        QCOMPARE(s.successes, 10);
        QCOMPARE_NEAR(s.inputsPerSecond, 200.0);
        QCOMPARE_NEAR(s.inputThroughputTps, 6400.0);
        QCOMPARE(s.headlineThroughput(), s.inputsPerSecond);
        QCOMPARE(s.outputThroughputTps, 0.0);
        QCOMPARE(s.ttftMs.count, 0);
        QCOMPARE(s.tpotMs.count, 0);
        QCOMPARE(s.itlMs.count, 0);
        QCOMPARE_NEAR(s.e2eMs.p50, 40.0);
        QVERIFY(s.conclusive());
        // A generation level is not an embeddings one and has no inputs/s.
        const LevelSummary g = summarize({Synth::closedLoop(1, 30), {Synth::stream(0, 3, 10)}});
        QVERIFY(!g.embeddings);
        QVERIFY(std::isnan(g.inputsPerSecond));
    }

    // A usage count that differs from the event count is spread over the events.
    void usageSpreadOverEvents() {
        // c=1, one stream of 20 events 25 ms apart but usage says 100 tokens (5 per event),
        // then a second stream; issue stop at 260 -> window [0,260] holds events 25..250.
        const QList<RequestRecord> records = {Synth::stream(0, 20, 25, 100),
                                              Synth::stream(500, 20, 25, 100)};
        const LevelSummary s = summarize({Synth::closedLoop(1, 260), records});
        QCOMPARE(s.throughputSource, u"steady_window"_s);
        QCOMPARE_NEAR(s.outputThroughputTps, 50 / 0.26);
        QCOMPARE(s.outputTokens, qint64(200));
    }

    void goodput_data() {
        QTest::addColumn<LatencyBudget>("budget");
        QTest::addColumn<double>("goodput");
        QTest::addColumn<bool>("within");
        // c=2 over [0,400]: A's 4 streams have TTFT 10 ms, B's 4 have TTFT 20 ms; 8
        // requests in 0.4 s = 20 rps. TTFT [10 x4, 20 x4]: p50 15, p95 20.
        QTest::newRow("no budget") << LatencyBudget() << 20.0 << true;
        QTest::newRow("TTFT p95 <= 15: only A's requests are good")
            << budgetOf(u"ttft"_s, u"p95"_s, 15) << 10.0 << false;
        QTest::newRow("TTFT p50 <= 15: level meets it, B's requests still not good")
            << budgetOf(u"ttft"_s, u"p50"_s, 15) << 10.0 << true;
        QTest::newRow("TTFT p95 <= 20: all good")
            << budgetOf(u"ttft"_s, u"p95"_s, 20) << 20.0 << true;
        QTest::newRow("e2e p95 <= 50: none") << budgetOf(u"e2e"_s, u"p95"_s, 50) << 0.0 << false;
    }
    void goodput() {
        QFETCH(LatencyBudget, budget);
        QFETCH(double, goodput);
        const Level level{Synth::closedLoop(2, 400),
                          Synth::worker(0, 4, 10, 10) + Synth::worker(0, 4, 5, 20)};
        const LevelSummary s = summarize(level, budget);
        QCOMPARE_NEAR(s.requestThroughputRps, 20.0);
        QCOMPARE_NEAR(s.goodputRps, goodput);
        QTEST(s.withinBudget, "within");
    }

    // Little's law: requests that fail slowly hold slots (achieved concurrency 2) but add no
    // completed requests: 10 rps x 100 ms = 1 in flight, half of what was measured.
    void littleLawMismatch() {
        const QList<RequestRecord> records =
            Synth::worker(0, 4, 10, 10) +
            QList<RequestRecord>{Synth::failed(0, 200, ErrorClass::Timeout),
                                 Synth::failed(200, 400, ErrorClass::Timeout)};
        const LevelSummary s = summarize({Synth::closedLoop(2, 400), records});
        QCOMPARE_NEAR(s.achievedConcurrency, 2.0);
        QCOMPARE_NEAR(s.requestThroughputRps, 10.0);
        QCOMPARE_NEAR(s.littleLawConcurrency, 1.0);
        QVERIFY(s.littleLawMismatch);
    }

    // More workers than requests: the target is never in flight. The window is where the
    // most were (4, from the last send at 30 to the first end at 200). That is the plan's
    // doing, not the client's: the level says so and is left out of the conclusions
    // (issue 10, item 8: every such level used to be flagged client_bound and could
    // "plateau").
    void planCannotReachTarget() {
        QList<RequestRecord> records;
        for (int i = 0; i < 4; ++i)
            records.append(Synth::stream(10 * i, 20, 10));
        const LevelSummary s = summarize({Synth::closedLoop(8, 40), records});
        QCOMPARE(s.maxInFlight, 4);
        QCOMPARE_NEAR(s.windowStartMs, 30.0);
        QCOMPARE_NEAR(s.windowEndMs, 200.0);
        QCOMPARE_NEAR(s.achievedConcurrency, 4.0);
        QCOMPARE_NEAR(s.outputThroughputTps, 400.0); // 4 streams x 100 tok/s
        QVERIFY(s.windowNote.contains(u"never reached"_s));
        QCOMPARE(s.targetUnreachable, u"plan"_s);
        QVERIFY2(!s.clientBound, qPrintable(s.clientBoundReason));
        QVERIFY(!s.conclusive());
        QCOMPARE(s.inconclusiveReason(), u"only 4 requests for 8 workers, never 8 in flight"_s);
    }

    // Enough requests for every worker, yet never all in flight at once (here two workers'
    // worth of requests back to back): not the plan; the client is suspected, as before,
    // and the level is left out of the conclusions all the same.
    void targetNeverReachedWithEnoughRequests() {
        const QList<RequestRecord> records =
            Synth::worker(0, 2, 20, 10) + Synth::worker(10, 2, 20, 10);
        const LevelSummary s = summarize({Synth::closedLoop(4, 400), records});
        QCOMPARE(s.maxInFlight, 2);
        QCOMPARE(s.targetUnreachable, u"client"_s);
        QVERIFY(s.clientBound);
        QVERIFY2(s.clientBoundReason.contains(u"target of 4 in flight was never reached"_s),
                 qPrintable(s.clientBoundReason));
        QVERIFY(!s.conclusive());
        QCOMPARE(s.inconclusiveReason(), u"never 4 in flight (at most 2)"_s);
    }

    void clientBound_data() {
        QTest::addColumn<double>("queueMs");
        QTest::addColumn<double>("lagMs");
        QTest::addColumn<bool>("bound");
        // Streams with TTFT 100 ms: 20 ms of client queueing is > 10 ms and > 5% of it.
        QTest::newRow("healthy") << 0.5 << 2.0 << false;
        QTest::newRow("queueing on the client") << 20.0 << 2.0 << true;
        QTest::newRow("event loop lag") << 0.5 << 30.0 << true;
    }
    void clientBound() {
        QFETCH(double, queueMs);
        QFETCH(double, lagMs);
        QList<RequestRecord> records = Synth::worker(0, 5, 2, 100);
        for (RequestRecord& r : records)
            r.tSchedNs = r.tSendNs - std::llround(queueMs * 1e6);
        LevelRunInfo info = Synth::closedLoop(1, 400);
        info.eventLoopLagP99Ms = lagMs;
        info.clientCpuSeconds = 0.25;
        const LevelSummary s = summarize({info, records});
        QCOMPARE_NEAR(s.maxQueueMs, queueMs);
        QCOMPARE(s.eventLoopLagP99Ms, lagMs);
        QCOMPARE(s.clientCpuSeconds, 0.25);
        QTEST(s.clientBound, "bound");
        QCOMPARE(s.clientBoundReason.isEmpty(), !s.clientBound);
    }

    void identityAndRunRelativeTimes() {
        LevelRunInfo info = Synth::openLoop(2.5, 300);
        info.index = 4;
        info.concurrency = 32;
        info.complete = false;
        const LevelSummary s = summarize({info, Synth::worker(1000, 3, 10, 10)});
        QCOMPARE(s.index, 4);
        QVERIFY(s.isRate);
        QCOMPARE(s.rate, 2.5);
        QCOMPARE(s.concurrency, 32);
        QVERIFY(!s.complete);
        QCOMPARE(s.label(), u"2.5 rps (cap 32)"_s);
        // Issue stop (300) before the first arrival (1000): no steady part, whole span.
        QCOMPARE_NEAR(s.windowStartMs, 1000.0);
        QCOMPARE_NEAR(s.windowEndMs, 1300.0);
        QCOMPARE_NEAR(s.wallSeconds, 0.3);
        QVERIFY(!s.windowNote.isEmpty());
        // No steady part: the rates are the wall-time ones, and say so.
        QCOMPARE(s.throughputSource, u"wall_time"_s);
        QVERIFY2(s.throughputNote.contains(u"steady window empty"_s), qPrintable(s.throughputNote));
        QCOMPARE_NEAR(s.outputThroughputTps, 30 / 0.3);
        QVERIFY(s.targetUnreachable.isEmpty()); // incomplete: not judged
    }

    void noRecords() {
        const LevelSummary s =
            summarize({Synth::closedLoop(4, 100), {}}, budgetOf(u"ttft"_s, u"p95"_s, 100));
        QCOMPARE(s.requests, 0);
        QCOMPARE(s.successes, 0);
        QVERIFY(std::isnan(s.outputThroughputTps));
        QVERIFY(std::isnan(s.windowSeconds));
        QVERIFY(std::isnan(s.ttftMs.p50));
        QVERIFY(!s.withinBudget); // nothing shows the budget is met
        QVERIFY(!s.littleLawMismatch);
        QVERIFY(s.throughputSource.isEmpty());
        QVERIFY(!s.conclusive());
        QCOMPARE(s.inconclusiveReason(), u"no measured request"_s);
        QVERIFY(summarize({Synth::closedLoop(4, 100), {}}).withinBudget); // no budget
    }
};

QTEST_GUILESS_MAIN(TestLevelAggregator)
#include "tst_levelaggregator.moc"
