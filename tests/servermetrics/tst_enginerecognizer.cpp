// EngineRecognizer + ServerVocabulary: each engine's scrape recognised with the names it used,
// label sets summed (counters, running, waiting) or maxed (KV usage), percent KV usage made a
// fraction, TGI's token counts from histogram sums, extra raw names, and the simulator's own
// exposition read as vLLM.
#include "servermetrics/enginerecognizer.h"
#include "servermetrics/prometheusparser.h"
#include "sim/simmetricstext.h"

#include <QFile>
#include <QTest>

namespace {
RecognizedMetrics recognizeFile(const char* name, const QStringList& extras = {}) {
    QFile file(QStringLiteral(PLATEAU_TEST_DATA_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return EngineRecognizer(extras).recognize(PrometheusParser().parse(file.readAll()));
}

RecognizedMetrics recognizeText(const QByteArray& text, const QStringList& extras = {}) {
    return EngineRecognizer(extras).recognize(PrometheusParser().parse(text));
}
} // namespace

class TestEngineRecognizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vocabularyKeysRoundTrip();
    void vllmTwoEnginesSummed();
    void vllmOlderNames();
    void sglang();
    void tgiTokensFromHistogramSums();
    void llamaCpp();
    void simulatorIsVllm();
    void percentUsageBecomesFraction();
    void unknownEngineKeepsExtras();
    void extrasOfEveryType();
    void nonFiniteSamplesLeftOut();
};

void TestEngineRecognizer::vocabularyKeysRoundTrip() {
    QCOMPARE(ServerVocabulary::all().size(), 12);
    for (const ServerMetric m : ServerVocabulary::all()) {
        ServerMetric back = ServerMetric::Running;
        QVERIFY(ServerVocabulary::fromKey(ServerVocabulary::key(m), &back));
        QCOMPARE(back, m);
    }
    for (const ServerEngine engine : ServerVocabulary::engines()) {
        for (const ServerVocabulary::Source& source : ServerVocabulary::sources(engine)) {
            // A histogram entry is never read from a histogram's sum, a counter may be.
            QVERIFY(!(source.fromHistogramSum &&
                      ServerVocabulary::kind(source.metric) != MetricKind::Counter));
        }
    }
    QCOMPARE(ServerVocabulary::key(ServerMetric::KvUsage), QStringLiteral("kv_usage"));
}

void TestEngineRecognizer::vllmTwoEnginesSummed() {
    const RecognizedMetrics r = recognizeFile("vllm.txt");
    QCOMPARE(r.engine, ServerEngine::Vllm);
    QCOMPARE(r.value(ServerMetric::Running), 64.0);   // 24 + 40
    QCOMPARE(r.value(ServerMetric::Waiting), 3.0);    // 3 + 0
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.8125); // max(0.8125, 0.6)
    QCOMPARE(r.value(ServerMetric::PromptTokens), 2'000'000.0);
    QCOMPARE(r.value(ServerMetric::GenerationTokens), 500'000.0);
    QCOMPARE(r.value(ServerMetric::Preemptions), 7.0);
    QCOMPARE(r.value(ServerMetric::PrefixQueries), 2'000'000.0);
    QCOMPARE(r.value(ServerMetric::PrefixHits), 400'000.0);
    QVERIFY(!r.has(ServerMetric::PrefixHitRate));
    QCOMPARE(r.sourceNames.at(ServerMetric::KvUsage), QStringLiteral("vllm:kv_cache_usage_perc"));
    QCOMPARE(r.sourceNames.at(ServerMetric::Tpot),
             QStringLiteral("vllm:inter_token_latency_seconds"));
    const ServerHistogram& ttft = r.histograms.at(ServerMetric::Ttft);
    QCOMPARE(ttft.upperBounds.size(), size_t(23));
    QCOMPARE(ttft.observations(), 2006.0);
    QCOMPARE(ttft.count, 2006.0);
    QCOMPARE(ttft.sum, 395.75);
    QCOMPARE(ttft.cumulativeCounts[4], 50.0); // le=0.04: 40 + 10
    QVERIFY(r.histograms.count(ServerMetric::E2eLatency));
}

void TestEngineRecognizer::vllmOlderNames() {
    const RecognizedMetrics r = recognizeFile("vllm-v0.txt");
    QCOMPARE(r.engine, ServerEngine::Vllm);
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.0421875);
    QCOMPARE(r.sourceNames.at(ServerMetric::KvUsage), QStringLiteral("vllm:gpu_cache_usage_perc"));
    QCOMPARE(r.value(ServerMetric::PrefixHitRate), 0.25);
    QCOMPARE(r.sourceNames.at(ServerMetric::Tpot),
             QStringLiteral("vllm:time_per_output_token_seconds"));
    QCOMPARE(r.histograms.at(ServerMetric::Tpot).observations(), 1016.0);
    QCOMPARE(r.value(ServerMetric::PromptTokens), 2048.0);
}

void TestEngineRecognizer::sglang() {
    const RecognizedMetrics r = recognizeFile("sglang.txt");
    QCOMPARE(r.engine, ServerEngine::Sglang);
    QCOMPARE(r.value(ServerMetric::Running), 32.0); // two tp ranks
    QCOMPARE(r.value(ServerMetric::Waiting), 6.0);
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.28);
    QCOMPARE(r.value(ServerMetric::PromptTokens), 8.128902e+06);
    QCOMPARE(r.value(ServerMetric::GenerationTokens), 7.557572e+06);
    QCOMPARE(r.value(ServerMetric::PrefixHitRate), 0.007507552643049313);
    QCOMPARE(r.histograms.at(ServerMetric::Ttft).observations(), 7.0);
    QCOMPARE(r.histograms.at(ServerMetric::E2eLatency).observations(), 2.0);
    QVERIFY(!r.has(ServerMetric::Tpot));
}

void TestEngineRecognizer::tgiTokensFromHistogramSums() {
    const RecognizedMetrics r = recognizeFile("tgi.txt");
    QCOMPARE(r.engine, ServerEngine::Tgi);
    QCOMPARE(r.value(ServerMetric::Running), 8.0);
    QCOMPARE(r.value(ServerMetric::Waiting), 3.0);
    QCOMPARE(r.value(ServerMetric::PromptTokens), 1260.0);
    QCOMPARE(r.value(ServerMetric::GenerationTokens), 1523.0);
    QVERIFY(!r.has(ServerMetric::KvUsage));
    QCOMPARE(r.histograms.at(ServerMetric::E2eLatency).observations(), 11.0);
    QCOMPARE(r.histograms.at(ServerMetric::Tpot).observations(), 11.0);
}

void TestEngineRecognizer::llamaCpp() {
    const RecognizedMetrics r = recognizeFile("llamacpp.txt");
    QCOMPARE(r.engine, ServerEngine::LlamaCpp);
    QCOMPARE(r.value(ServerMetric::Running), 2.0);
    QCOMPARE(r.value(ServerMetric::Waiting), 1.0);
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.25);
    QCOMPARE(r.value(ServerMetric::PromptTokens), 2048.0);
    QCOMPARE(r.value(ServerMetric::GenerationTokens), 512.0);
    QCOMPARE(r.sourceNames.at(ServerMetric::GenerationTokens),
             QStringLiteral("llamacpp:tokens_predicted_total"));
}

void TestEngineRecognizer::simulatorIsVllm() {
    SimStats stats;
    stats.running = 3;
    stats.queued = 5;
    stats.kvCacheTokens = 1000;
    stats.kvTokensUsed = 250;
    SimServerCounters counters;
    counters.promptTokens = 77;
    counters.generationTokens = 99;
    counters.prefixQueries = 40;
    counters.prefixHits = 16;
    counters.preemptions = 2;
    counters.timeToFirstToken.observe(0.003);
    counters.timePerOutputToken.observe(0.02);
    const RecognizedMetrics r =
        recognizeText(SimMetricsText::render(stats, counters, QStringLiteral("m \"x\"\n")));
    QCOMPARE(r.engine, ServerEngine::Vllm);
    QCOMPARE(r.value(ServerMetric::Running), 3.0);
    QCOMPARE(r.value(ServerMetric::Waiting), 5.0);
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.25);
    QCOMPARE(r.value(ServerMetric::PromptTokens), 77.0);
    QCOMPARE(r.value(ServerMetric::GenerationTokens), 99.0);
    QCOMPARE(r.value(ServerMetric::PrefixQueries), 40.0);
    QCOMPARE(r.value(ServerMetric::PrefixHits), 16.0);
    QCOMPARE(r.value(ServerMetric::Preemptions), 2.0);
    QCOMPARE(r.histograms.at(ServerMetric::Ttft).observations(), 1.0);
    QCOMPARE(r.histograms.at(ServerMetric::Tpot).observations(), 1.0);
    QCOMPARE(r.histograms.at(ServerMetric::E2eLatency).observations(), 0.0);
}

void TestEngineRecognizer::percentUsageBecomesFraction() {
    const RecognizedMetrics r = recognizeText("# TYPE vllm:kv_cache_usage_perc gauge\n"
                                              "vllm:kv_cache_usage_perc{engine=\"0\"} 42.5\n"
                                              "vllm:kv_cache_usage_perc{engine=\"1\"} 97.0\n");
    QCOMPARE(r.value(ServerMetric::KvUsage), 0.97);
    const RecognizedMetrics full = recognizeText("# TYPE sglang:token_usage gauge\n"
                                                 "sglang:token_usage 1.0\n");
    QCOMPARE(full.value(ServerMetric::KvUsage), 1.0); // exactly full, not 1 %
}

void TestEngineRecognizer::unknownEngineKeepsExtras() {
    const RecognizedMetrics r =
        recognizeText("# TYPE my_queue gauge\nmy_queue{shard=\"a\"} 2\nmy_queue{shard=\"b\"} 3\n",
                      {QStringLiteral("my_queue"), QStringLiteral("absent")});
    QCOMPARE(r.engine, ServerEngine::Unknown);
    QVERIFY(r.values.empty() && r.histograms.empty());
    QCOMPARE(r.extras.size(), 2);
    QVERIFY(r.extras[0].found);
    QCOMPARE(r.extras[0].value, 5.0);
    QCOMPARE(r.extras[0].type, MetricType::Gauge);
    QVERIFY(!r.extras[1].found);
}

void TestEngineRecognizer::extrasOfEveryType() {
    const QStringList names = {QStringLiteral("vllm:request_success_total"),
                               QStringLiteral("vllm:e2e_request_latency_seconds"),
                               QStringLiteral("jobs_total"), QStringLiteral("rpc")};
    const RecognizedMetrics r = recognizeFile("vllm.txt", names);
    QCOMPARE(r.extras[0].type, MetricType::Counter);
    QCOMPARE(r.extras[0].value, 2006.0); // 2 engines x (900 + 100 + 3)
    QCOMPARE(r.extras[1].type, MetricType::Histogram);
    QCOMPARE(r.extras[1].histogram.observations(), 2006.0);
    const RecognizedMetrics om = recognizeText("# TYPE jobs counter\njobs_total 4\n"
                                               "# TYPE rpc summary\nrpc{quantile=\"0.5\"} 1\n",
                                               names);
    QVERIFY(om.extras[2].found); // "jobs_total" names the OpenMetrics-style counter "jobs"
    QCOMPARE(om.extras[2].value, 4.0);
    QVERIFY(!om.extras[3].found); // summaries' quantiles cannot be combined
}

void TestEngineRecognizer::nonFiniteSamplesLeftOut() {
    const RecognizedMetrics r = recognizeText("# TYPE vllm:num_requests_running gauge\n"
                                              "vllm:num_requests_running{e=\"0\"} NaN\n"
                                              "vllm:num_requests_running{e=\"1\"} 4\n"
                                              "# TYPE vllm:num_requests_waiting gauge\n"
                                              "vllm:num_requests_waiting +Inf\n");
    QCOMPARE(r.engine, ServerEngine::Vllm);
    QCOMPARE(r.value(ServerMetric::Running), 4.0);
    QVERIFY(!r.has(ServerMetric::Waiting));
}

QTEST_GUILESS_MAIN(TestEngineRecognizer)
#include "tst_enginerecognizer.moc"
