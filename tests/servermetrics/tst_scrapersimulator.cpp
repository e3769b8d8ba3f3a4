// The scraper against the real simulator, in-process: what it reads under vLLM's names equals
// the simulator's exact state. The gauges (running, waiting, KV usage) while streams hold the
// batch, compared whenever the state did not change around a scrape; the token counters after
// a load, against what the simulator counted, through the timeline as the run will use it.
#include "servermetrics/scraperthread.h"
#include "servermetrics/servermetricstimeline.h"
#include "sim/simulatorthread.h"
#include "simloaddriver.h"
#include "simtestclient.h"

#include <QSignalSpy>
#include <QTest>
#include <chrono>

namespace {
ScraperConfig scrapeConfig(const SimulatorThread& sim) {
    ScraperConfig c;
    c.url = QUrl(sim.baseUrl().toString() + QStringLiteral("/metrics"));
    c.intervalMs = 100;
    c.originNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count();
    return c;
}

ServerScrape nextScrape(QSignalSpy& spy) {
    const qsizetype seen = spy.size();
    if (!QTest::qWaitFor([&] { return spy.size() > seen; }, 20000))
        return {};
    return spy.last().at(0).value<ServerScrape>();
}

bool sameState(const SimStats& a, const SimStats& b) {
    return a.running == b.running && a.queued == b.queued && a.kvTokensUsed == b.kvTokensUsed;
}
} // namespace

class TestScraperSimulator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gaugesEqualTheSimulatorsState();
    void countersEqualWhatTheSimulatorCounted();
};

void TestScraperSimulator::gaugesEqualTheSimulatorsState() {
    // 4 slots, 7 long streams (900 tokens) of 20-word prompts, one decode step a second: 4 running
    // and 3 waiting, the KV cache growing by 4 tokens a step, steady between steps.
    SimConfig config;
    config.maxBatch = 4;
    config.decodeBaseMs = 1000.0;
    config.decodePerSeqMs = 0.0;
    config.kvCacheTokens = 1000;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    std::vector<std::unique_ptr<SimTestClient>> clients;
    for (int i = 0; i < 7; ++i) {
        clients.push_back(std::make_unique<SimTestClient>(sim.port()));
        clients.back()->send(SimTestClient::postRequest(
            "/v1/chat/completions", SimTestClient::chatBody(900, true, false, 20)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(sim.stats().running == 4 && sim.stats().queued == 3, 20000);

    ScraperThread scraper;
    QSignalSpy scrapes(&scraper, &ScraperThread::scraped);
    QVERIFY(scraper.start(scrapeConfig(sim)));
    int compared = 0;
    for (int attempt = 0; attempt < 40 && compared < 3; ++attempt) {
        const SimStats before = sim.stats();
        nextScrape(scrapes); // requested before `before` was read, perhaps
        const ServerScrape s = nextScrape(scrapes);
        const SimStats after = sim.stats();
        QCOMPARE(s.metrics.engine, ServerEngine::Vllm);
        if (!sameState(before, after))
            continue; // a step ran meanwhile: the scrape may hold either state
        QCOMPARE(s.metrics.value(ServerMetric::Running, -1), double(before.running));
        QCOMPARE(s.metrics.value(ServerMetric::Waiting, -1), double(before.queued));
        QCOMPARE(s.metrics.value(ServerMetric::KvUsage, -1), before.kvUsage());
        QVERIFY(before.kvTokensUsed >= 4 * 20);
        ++compared;
    }
    QVERIFY2(compared >= 1, "the simulator's state never held still around a scrape");
    scraper.stop();
    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().inFlight, 0, 10000);
}

void TestScraperSimulator::countersEqualWhatTheSimulatorCounted() {
    SimConfig config;
    config.maxBatch = 4;
    config.decodeBaseMs = 2.0;
    config.prefixCacheBlocks = 64;
    config.prefixBlockWords = 4;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    ScraperThread scraper;
    QSignalSpy scrapes(&scraper, &ScraperThread::scraped);
    ServerMetricsTimeline timeline;
    connect(&scraper, &ScraperThread::scraped, this,
            [&](const ServerScrape& s) { timeline.add(s.tMs, s.metrics); });
    QVERIFY(scraper.start(scrapeConfig(sim)));
    QTRY_VERIFY_WITH_TIMEOUT(!scrapes.isEmpty(), 20000); // the counters at zero

    const int total = 24;
    const int tokens = 6;
    SimLoadDriver driver(sim.port(), [&](int) {
        return SimTestClient::postRequest(
            "/v1/chat/completions", SimTestClient::chatBody(tokens, true, false, 17), {}, false);
    });
    driver.run(4, total);
    QVERIFY(driver.waitDone(30000));
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().requestsCompleted, total, 10000);
    const SimStats truth = sim.stats();
    QCOMPARE(truth.tokensEmitted, qint64(total * tokens));
    // A scrape requested after the last request finished.
    nextScrape(scrapes);
    const ServerScrape last = nextScrape(scrapes);
    scraper.stop();
    QCOMPARE(last.metrics.value(ServerMetric::GenerationTokens, -1), double(truth.tokensEmitted));
    QCOMPARE(last.metrics.value(ServerMetric::PromptTokens, -1), double(truth.promptTokens));
    QCOMPARE(last.metrics.value(ServerMetric::PrefixQueries, -1), double(truth.prefixQueriedWords));
    QCOMPARE(last.metrics.value(ServerMetric::PrefixHits, -1), double(truth.prefixHitWords));
    QVERIFY(truth.prefixHitWords > 0); // the same prompt again: its blocks were cached
    QCOMPARE(last.metrics.value(ServerMetric::Preemptions, -1), double(truth.preemptions));
    QCOMPARE(last.metrics.histograms.at(ServerMetric::Ttft).observations(), double(total));

    // Through the timeline: the increase over the run is every token, never a reset.
    const MetricSeries* generation = timeline.series(ServerMetric::GenerationTokens);
    QVERIFY(generation);
    QCOMPARE(generation->resets(), 0);
    QVERIFY(qAbs(*generation->increase(0, last.tMs) - double(truth.tokensEmitted)) < 1e-6);
    QVERIFY(qAbs(*timeline.prefixHitRate(0, last.tMs) -
                 double(truth.prefixHitWords) / double(truth.prefixQueriedWords)) < 1e-9);
    QVERIFY(timeline.quantile(ServerMetric::Ttft, 0.5, 0, last.tMs));
}

QTEST_GUILESS_MAIN(TestScraperSimulator)
#include "tst_scrapersimulator.moc"
