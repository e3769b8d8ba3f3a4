#include "metrics/levelsummary.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
// Every field set to a distinct, awkward value so a swapped or dropped key shows up.
LevelSummary filled(bool isRate) {
    LevelSummary s;
    s.index = 3;
    s.isRate = isRate;
    s.concurrency = isRate ? 32 : 16;
    s.rate = isRate ? 2.5 : 0.0;
    s.complete = true;
    s.requests = 120;
    s.successes = 117;
    s.warmupRequests = 4;
    s.errors = {{u"http_429"_s, 2}, {u"reset"_s, 1}};
    s.windowStartMs = 1234.5678;
    s.windowEndMs = 7654.321;
    s.windowSeconds = 6.4197532;
    s.wallSeconds = 7.1;
    s.windowNote = u"issue stop unknown"_s;
    s.maxInFlight = 16;
    s.outputThroughputTps = 1234.0 / 3.0;
    s.outputThroughputTotalTps = 0.1 + 0.2;
    s.requestThroughputRps = 18.75;
    s.inputThroughputTps = 4800.125;
    s.achievedConcurrency = 15.987654321;
    s.goodputRps = 12.5;
    s.outputTokens = 5'000'000'000LL; // beyond 32 bits
    s.inputTokens = 123456;
    s.ttftMs = LatencyStats::compute({10, 20, 30});
    s.tpotMs = LatencyStats::compute({1.25, 2.5});
    s.e2eMs = LatencyStats::compute({100, 200, 400, 800});
    s.itlMs = LatencyStats::compute({1, 1, 2, 3, 5, 8});
    s.queueMs = LatencyStats::compute({0.01, 0.02});
    s.ttfbMs = LatencyStats::compute({4});
    // ttfeMs left empty: its NaNs must survive as null.
    s.clientCpuSeconds = 0.75;
    s.eventLoopLagP99Ms = 1.5;
    s.maxQueueMs = 0.02;
    s.clientBound = true;
    s.clientBoundReason = u"client event-loop lag p99 25 ms > 20 ms"_s;
    s.littleLawConcurrency = 16.2;
    s.littleLawMismatch = true;
    s.withinBudget = true;
    s.throughputSource = u"wall_time"_s;
    s.throughputNote = u"steady window 0.4 ms is shorter than 10 inter-token gaps (60 ms)"_s;
    s.targetUnreachable = u"plan"_s;
    return s;
}

// Compares two doubles treating NaN == NaN, bit-exact otherwise.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool sameStats(const LatencyStats& a, const LatencyStats& b) {
    return a.count == b.count && same(a.mean, b.mean) && same(a.std, b.std) && same(a.min, b.min) &&
           same(a.max, b.max) && same(a.p50, b.p50) && same(a.p90, b.p90) && same(a.p95, b.p95) &&
           same(a.p99, b.p99);
}
} // namespace

Q_DECLARE_METATYPE(LevelSummary)

class TestLevelSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void label_data() {
        QTest::addColumn<bool>("isRate");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("expected");
        QTest::newRow("closed loop") << false << 16 << 0.0 << u"c=16"_s;
        QTest::newRow("rate") << true << 0 << 5.0 << u"5 rps"_s;
        QTest::newRow("fractional rate") << true << 0 << 2.5 << u"2.5 rps"_s;
        QTest::newRow("trace rate") << true << 0 << 44.873312 << u"44.87 rps"_s;
        QTest::newRow("rate with cap") << true << 32 << 5.0 << u"5 rps (cap 32)"_s;
    }
    void label() {
        QFETCH(bool, isRate);
        QFETCH(int, concurrency);
        QFETCH(double, rate);
        LevelSummary s;
        s.isRate = isRate;
        s.concurrency = concurrency;
        s.rate = rate;
        QTEST(s.label(), "expected");
    }

    void latencyLookup() {
        const LevelSummary s = filled(false);
        QCOMPARE(s.latency(u"ttft"_s), &s.ttftMs);
        QCOMPARE(s.latency(u"tpot"_s), &s.tpotMs);
        QCOMPARE(s.latency(u"e2e"_s), &s.e2eMs);
        QCOMPARE(s.latency(u"itl"_s), &s.itlMs);
        QCOMPARE(s.latency(u"queue"_s), &s.queueMs);
        QCOMPARE(s.latency(u"ttfb"_s), &s.ttfbMs);
        QCOMPARE(s.latency(u"ttfe"_s), &s.ttfeMs);
        QCOMPARE(s.latency(u"e2e_ms"_s), &s.e2eMs); // the JSON key works too
        QCOMPARE(s.latency(u"bogus"_s), nullptr);
    }

    // Embeddings (issue 14): three keys, only on an embeddings level, read back as written.
    void embeddingsFields() {
        LevelSummary s = filled(false);
        QVERIFY(!s.toJson().contains(u"inputs_per_s"_s)); // a generation level: unchanged
        s.embeddings = true;
        s.embeddingInputs = 640;
        s.inputsPerSecond = 212.5;
        const QJsonObject o = s.toJson();
        QCOMPARE(o.value(u"embeddings"_s).toBool(), true);
        QCOMPARE(o.value(u"embedding_inputs"_s).toInteger(), 640);
        QCOMPARE(o.value(u"inputs_per_s"_s).toDouble(), 212.5);
        const LevelSummary back = LevelSummary::fromJson(o);
        QVERIFY(back.embeddings);
        QCOMPARE(back.embeddingInputs, qint64(640));
        QCOMPARE(back.inputsPerSecond, 212.5);
        QCOMPARE(back.headlineThroughput(), 212.5);
    }

    void jsonFieldNames() {
        const QJsonObject o = filled(false).toJson();
        const QStringList expected = {u"index"_s,
                                      u"concurrency"_s,
                                      u"requests"_s,
                                      u"successes"_s,
                                      u"warmup_requests"_s,
                                      u"errors"_s,
                                      u"early_stops"_s,
                                      u"window_start_ms"_s,
                                      u"window_end_ms"_s,
                                      u"window_s"_s,
                                      u"wall_s"_s,
                                      u"output_throughput_tps"_s,
                                      u"output_throughput_total_tps"_s,
                                      u"request_throughput_rps"_s,
                                      u"input_throughput_tps"_s,
                                      u"achieved_concurrency"_s,
                                      u"goodput_rps"_s,
                                      u"output_tokens"_s,
                                      u"input_tokens"_s,
                                      u"ttft_ms"_s,
                                      u"tpot_ms"_s,
                                      u"e2e_ms"_s,
                                      u"itl_ms"_s,
                                      u"queue_ms"_s,
                                      u"ttfb_ms"_s,
                                      u"ttfe_ms"_s,
                                      u"client_cpu_s"_s,
                                      u"event_loop_lag_p99_ms"_s,
                                      u"max_queue_ms"_s,
                                      u"client_bound"_s,
                                      u"client_bound_reason"_s,
                                      u"little_law_concurrency"_s,
                                      u"little_law_mismatch"_s,
                                      u"within_budget"_s,
                                      u"complete"_s,
                                      u"max_in_flight"_s,
                                      u"window_note"_s,
                                      u"throughput_source"_s,
                                      u"throughput_note"_s,
                                      u"target_unreachable"_s};
        for (const QString& key : expected)
            QVERIFY2(o.contains(key), qPrintable(key));
        QCOMPARE(o.size(), expected.size());
        QVERIFY(!o.contains(u"rate"_s));
        QCOMPARE(o.value(u"errors"_s).toObject().value(u"http_429"_s).toInt(), 2);
        QCOMPARE(o.value(u"e2e_ms"_s).toObject().value(u"p50"_s).toDouble(), 300.0);
        QVERIFY(o.value(u"ttfe_ms"_s).toObject().value(u"p50"_s).isNull());

        const QJsonObject rate = filled(true).toJson();
        QCOMPARE(rate.value(u"rate"_s).toDouble(), 2.5);
        QCOMPARE(rate.value(u"max_concurrency"_s).toInt(), 32);
        QVERIFY(!rate.contains(u"concurrency"_s));
    }

    void inconclusiveReason_data();
    void inconclusiveReason();

    void jsonRoundTrip_data() {
        QTest::addColumn<LevelSummary>("summary");
        QTest::newRow("closed loop, every field") << filled(false);
        QTest::newRow("rate with cap") << filled(true);
        QTest::newRow("default (all NaN)") << LevelSummary();
    }
    void jsonRoundTrip() {
        QFETCH(LevelSummary, summary);
        // Through text, as a results file carries it.
        const QByteArray text = QJsonDocument(summary.toJson()).toJson(QJsonDocument::Compact);
        const LevelSummary b = LevelSummary::fromJson(QJsonDocument::fromJson(text).object());
        const LevelSummary& a = summary;
        QCOMPARE(b.index, a.index);
        QCOMPARE(b.isRate, a.isRate);
        QCOMPARE(b.concurrency, a.concurrency);
        QCOMPARE(b.rate, a.rate);
        QCOMPARE(b.complete, a.complete);
        QCOMPARE(b.requests, a.requests);
        QCOMPARE(b.successes, a.successes);
        QCOMPARE(b.warmupRequests, a.warmupRequests);
        QCOMPARE(b.errors, a.errors);
        const std::pair<double, double> numbers[] = {
            {a.windowStartMs, b.windowStartMs},
            {a.windowEndMs, b.windowEndMs},
            {a.windowSeconds, b.windowSeconds},
            {a.wallSeconds, b.wallSeconds},
            {a.outputThroughputTps, b.outputThroughputTps},
            {a.outputThroughputTotalTps, b.outputThroughputTotalTps},
            {a.requestThroughputRps, b.requestThroughputRps},
            {a.inputThroughputTps, b.inputThroughputTps},
            {a.achievedConcurrency, b.achievedConcurrency},
            {a.goodputRps, b.goodputRps},
            {a.clientCpuSeconds, b.clientCpuSeconds},
            {a.eventLoopLagP99Ms, b.eventLoopLagP99Ms},
            {a.maxQueueMs, b.maxQueueMs},
            {a.littleLawConcurrency, b.littleLawConcurrency},
        };
        for (const auto& [x, y] : numbers)
            QVERIFY2(same(x, y), qPrintable(u"%1 != %2"_s.arg(x, 0, 'g', 17).arg(y, 0, 'g', 17)));
        QCOMPARE(b.outputTokens, a.outputTokens);
        QCOMPARE(b.inputTokens, a.inputTokens);
        QVERIFY(sameStats(b.ttftMs, a.ttftMs));
        QVERIFY(sameStats(b.tpotMs, a.tpotMs));
        QVERIFY(sameStats(b.e2eMs, a.e2eMs));
        QVERIFY(sameStats(b.itlMs, a.itlMs));
        QVERIFY(sameStats(b.queueMs, a.queueMs));
        QVERIFY(sameStats(b.ttfbMs, a.ttfbMs));
        QVERIFY(sameStats(b.ttfeMs, a.ttfeMs));
        QCOMPARE(b.maxInFlight, a.maxInFlight);
        QCOMPARE(b.windowNote, a.windowNote);
        QCOMPARE(b.clientBound, a.clientBound);
        QCOMPARE(b.clientBoundReason, a.clientBoundReason);
        QCOMPARE(b.littleLawMismatch, a.littleLawMismatch);
        QCOMPARE(b.withinBudget, a.withinBudget);
        QCOMPARE(b.throughputSource, a.throughputSource);
        QCOMPARE(b.throughputNote, a.throughputNote);
        QCOMPARE(b.targetUnreachable, a.targetUnreachable);
        // And the JSON of the copy is the same bytes.
        QCOMPARE(QJsonDocument(b.toJson()).toJson(QJsonDocument::Compact), text);
    }
};

// Defined after the class so the slot list above stays in reading order.
void TestLevelSummary::inconclusiveReason_data() {
    QTest::addColumn<LevelSummary>("summary");
    QTest::addColumn<QString>("reason"); // empty = conclusive
    LevelSummary ok;
    ok.concurrency = 8;
    ok.requests = ok.successes = 10;
    ok.outputThroughputTps = 500;
    QTest::newRow("measured") << ok << QString();
    // A hand-built summary with a throughput and no request counts stays usable.
    LevelSummary bare;
    bare.outputThroughputTps = 500;
    QTest::newRow("bare figures") << bare << QString();
    LevelSummary failed = ok;
    failed.successes = 0;
    failed.outputThroughputTps = 0;
    failed.errors = {{u"http_429"_s, 60}};
    QTest::newRow("every request failed") << failed << u"every request failed (http_429 ×60)"_s;
    LevelSummary nothing;
    QTest::newRow("nothing measured") << nothing << u"no measured request"_s;
    LevelSummary plan = ok;
    plan.concurrency = 128;
    plan.requests = plan.successes = 2;
    plan.targetUnreachable = u"plan"_s;
    QTest::newRow("plan") << plan << u"only 2 requests for 128 workers, never 128 in flight"_s;
    LevelSummary client = ok;
    client.maxInFlight = 5;
    client.targetUnreachable = u"client"_s;
    QTest::newRow("client") << client << u"never 8 in flight (at most 5)"_s;
}

void TestLevelSummary::inconclusiveReason() {
    QFETCH(LevelSummary, summary);
    QFETCH(QString, reason);
    QCOMPARE(summary.inconclusiveReason(), reason);
    QCOMPARE(summary.conclusive(), reason.isEmpty());
}

QTEST_GUILESS_MAIN(TestLevelSummary)
#include "tst_levelsummary.moc"
