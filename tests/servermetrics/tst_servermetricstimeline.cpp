// ServerMetricsTimeline: recognised scrapes in, the per-level window figures out (running and
// waiting means, KV max, token rates, prefix hit rate from counters or a gauge, percentiles),
// extras kept by name, and the memory an hour of 1 s scrapes takes.
#include "servermetrics/enginerecognizer.h"
#include "servermetrics/prometheusparser.h"
#include "servermetrics/servermetricstimeline.h"

#include <QFile>
#include <QTest>

namespace {
RecognizedMetrics scrape(double running, double waiting, double kv, double generation,
                         double queries, double hits) {
    RecognizedMetrics r;
    r.engine = ServerEngine::Vllm;
    r.values[ServerMetric::Running] = running;
    r.values[ServerMetric::Waiting] = waiting;
    r.values[ServerMetric::KvUsage] = kv;
    r.values[ServerMetric::GenerationTokens] = generation;
    r.values[ServerMetric::PrefixQueries] = queries;
    r.values[ServerMetric::PrefixHits] = hits;
    return r;
}

bool near(std::optional<double> value, double expected) {
    return value && qAbs(*value - expected) < 1e-9;
}

RecognizedMetrics vllmSample() {
    QFile file(QStringLiteral(PLATEAU_TEST_DATA_DIR "/vllm.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read vllm.txt");
    return EngineRecognizer({QStringLiteral("vllm:request_success_total")})
        .recognize(PrometheusParser().parse(file.readAll()));
}
} // namespace

class TestServerMetricsTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void levelWindowFigures();
    void hitRateFromGaugeWhenNoCounters();
    void extrasKeptByName();
    void memoryPerHourOfScrapes();
};

void TestServerMetricsTimeline::levelWindowFigures() {
    ServerMetricsTimeline t;
    // Level 1 (0..10 s): 4 running, none waiting, 1000 tok/s. Level 2 (10..20 s): 8 running,
    // 8 waiting, KV up to 0.9, 1500 tok/s, half the prefix tokens hit.
    for (int s = 0; s <= 20; ++s) {
        const bool second = s > 10;
        const double generation = s <= 10 ? 1000.0 * s : 10'000 + 1500.0 * (s - 10);
        const double queries = s <= 10 ? 0 : 100.0 * (s - 10);
        t.add(s * 1000, scrape(second ? 8 : 4, second ? 8 : 0, second ? 0.5 + 0.02 * (s - 10) : 0.1,
                               generation, queries, queries / 2));
    }
    QCOMPARE(t.scrapes(), 21);
    QCOMPARE(t.engine(), ServerEngine::Vllm);
    const ServerWindowFigures first = t.window(2000, 8000);
    QVERIFY(near(first.runningMean, 4.0));
    QVERIFY(near(first.waitingMean, 0.0));
    QVERIFY(near(first.kvUsageMax, 0.1));
    QVERIFY(near(first.generationTokensPerSecond, 1000.0));
    QVERIFY(!first.prefixHitRate); // no queries in the window
    QVERIFY(!first.promptTokensPerSecond);
    const ServerWindowFigures second = t.window(12000, 20000);
    QVERIFY(near(second.runningMean, 8.0));
    QVERIFY(near(second.waitingMean, 8.0));
    QVERIFY(near(second.kvUsageMax, 0.7));
    QVERIFY(near(second.generationTokensPerSecond, 1500.0));
    QVERIFY(near(second.prefixHitRate, 0.5));
    QVERIFY(!second.ttftP50);
}

void TestServerMetricsTimeline::hitRateFromGaugeWhenNoCounters() {
    ServerMetricsTimeline t;
    for (int s = 0; s < 4; ++s) {
        RecognizedMetrics r;
        r.engine = ServerEngine::Sglang;
        r.values[ServerMetric::PrefixHitRate] = 0.2 * s;
        t.add(s * 1000, r);
    }
    QVERIFY(near(t.prefixHitRate(0, 3000), 0.3));
}

void TestServerMetricsTimeline::extrasKeptByName() {
    ServerMetricsTimeline t;
    RecognizedMetrics r = vllmSample();
    t.add(0, r);
    r.extras[0].value += 50;
    t.add(2000, r);
    const MetricSeries* success = t.extra(QStringLiteral("vllm:request_success_total"));
    QVERIFY(success);
    QCOMPARE(success->kind(), MetricKind::Counter);
    QVERIFY(near(success->ratePerSecond(0, 2000), 25.0));
    QCOMPARE(t.extraNames(), QList<QString>{QStringLiteral("vllm:request_success_total")});
    QCOMPARE(t.sourceNames().at(ServerMetric::Ttft),
             QStringLiteral("vllm:time_to_first_token_seconds"));
}

void TestServerMetricsTimeline::memoryPerHourOfScrapes() {
    // An hour of 1 s scrapes of a full vLLM exposition (every vocabulary entry but the hit-rate
    // gauge, three histograms, one extra), counters and histograms growing every second.
    ServerMetricsTimeline t;
    RecognizedMetrics r = vllmSample();
    for (int s = 0; s < 3600; ++s) {
        for (auto& [metric, value] : r.values)
            value += ServerVocabulary::kind(metric) == MetricKind::Counter ? 10 : 0;
        for (auto& [metric, h] : r.histograms) {
            for (double& c : h.cumulativeCounts)
                c += 1;
            h.count += 1;
        }
        t.add(qint64(s) * 1000, r);
    }
    const qint64 bytes = t.approximateBytes();
    qInfo("memory for one hour of 1 s scrapes: %lld bytes (%.2f MiB)", bytes,
          double(bytes) / (1024 * 1024));
    QVERIFY(bytes < 8 * 1024 * 1024);
    QVERIFY(near(t.ratePerSecond(ServerMetric::GenerationTokens, 0, 3599000), 10.0));
    QVERIFY(t.quantile(ServerMetric::Ttft, 0.5, 0, 3599000));
}

QTEST_GUILESS_MAIN(TestServerMetricsTimeline)
#include "tst_servermetricstimeline.moc"
