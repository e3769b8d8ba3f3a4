// Ground truth for the openai-embeddings flavor (issue 14): the simulator's /v1/embeddings
// route runs the same engine model, prefill only (every input's words at
// prefill_tokens_per_s, then one step), so a run through the real engine must measure what
// the ledger says (input tokens from usage, one entry per input) at the rates the model
// gives, and class the route's error shapes (400 too many inputs, 413 an input too long).
#include "loadtestsupport.h"
#include "profile/profilevalidator.h"
#include "protocol/apiflavor.h"
#include "sim/simembeddings.h"
#include "sim/simlocalendpoint.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>

namespace {
// requests per level; a list of batch sizes with the concurrencies makes a grid (issue 14).
RunResult runEmbeddings(SimulatorThread& sim, const QList<int>& batchSizes, int inputTokens,
                        int requests, const QList<int>& concurrencies = {1}) {
    Profile profile = LoadTest::profileFor(sim.baseUrl(), concurrencies, requests, 16);
    profile.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    profile.prompts.inputTokens = inputTokens;
    profile.prompts.batchSizes = batchSizes;
    if (!ProfileValidator::validate(profile).isEmpty())
        return {};
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    if (!LoadTest::runToEnd(runner, 60000, &result))
        return {};
    for (int waited = 0; sim.requests().size() < requests && waited < 10000; waited += 20)
        QTest::qWait(20);
    return result;
}

} // namespace

class TestSimEmbeddingsRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void measuredMatchesTheLedger();
    void ratesMatchTheModel();
    void inputTooLongIs413();
    void batchSizeGrid();
};

// Batch size as a sweep parameter (issue 14): --batch-size 1,8,32 with -c 1,2 runs every
// (c, b) once, batch-major, each level carrying its size and sending that many inputs per
// request; per batch size its own plateau. At c=1 a request costs the engine step plus the
// prefill of all its inputs, so a larger batch spreads the step over more inputs: more
// inputs/s (the simulator's model: 89, 400 and 640 inputs/s for 1, 8 and 32 inputs of 32
// words at 25,600 words/s after a 10 ms step).
void TestSimEmbeddingsRun::batchSizeGrid() {
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    config.prefillTokensPerS = 25600.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    constexpr int requests = 8;
    const QList<int> concurrencies = {1, 2};
    const QList<int> sizes = {1, 8, 32};
    const RunResult result = runEmbeddings(*sim, sizes, 32, requests, concurrencies);
    const QList<LevelSummary>& levels = result.summary.levels;
    QCOMPARE(levels.size(), qsizetype(6));
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const LevelSummary& level = levels.at(i);
        QCOMPARE(level.index, int(i));
        QCOMPARE(level.batchSize, sizes.at(i / 2)); // batch-major
        QCOMPARE(level.concurrency, concurrencies.at(i % 2));
        QCOMPARE(level.successes, requests);
        QCOMPARE(level.embeddingInputs, qint64(requests) * level.batchSize);
        QCOMPARE(result.levels.at(i).batchSize, level.batchSize);
    }
    for (const RequestRecord& r : result.records)
        QCOMPARE(r.embeddingInputs, levels.at(r.level).batchSize);
    const double b1 = levels.at(0).inputsPerSecond;
    const double b8 = levels.at(2).inputsPerSecond;
    const double b32 = levels.at(4).inputsPerSecond;
    qInfo("c=1 inputs/s: batch 1 %.0f, batch 8 %.0f, batch 32 %.0f", b1, b8, b32);
    QVERIFY(b8 > b1);
    QVERIFY(b32 > b8);
    QVERIFY(b32 <= 32 * 1000.0 / (10.0 + 32 * 32 * 1000.0 / 25600.0) * 1.03); // never above
    // One plateau per batch size; the run's is the best of them.
    const QList<PlateauResult>& curves = result.summary.batchPlateaus;
    QCOMPARE(curves.size(), qsizetype(3));
    for (qsizetype i = 0; i < curves.size(); ++i) {
        QCOMPARE(curves.at(i).batchSize, sizes.at(i));
        QCOMPARE(levels.at(curves.at(i).plateauLevel).batchSize, sizes.at(i));
    }
    QCOMPARE(result.summary.plateau.batchSize, 32);
}

void TestSimEmbeddingsRun::measuredMatchesTheLedger() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    constexpr int requests = 6;
    constexpr int batch = 8;
    const RunResult result = runEmbeddings(*sim, {batch}, 24, requests);
    QCOMPARE(result.records.size(), qsizetype(requests));
    const QList<SimRequestTruth> truth = sim->requests();
    QCOMPARE(truth.size(), qsizetype(requests));
    qint64 ledgerTokens = 0;
    QHash<QString, int> ledgerById;
    for (const SimRequestTruth& t : truth) {
        QCOMPARE(t.path, QStringLiteral("/v1/embeddings"));
        QCOMPARE(t.tokensSent, 1); // the pooling step
        ledgerTokens += t.promptTokens;
        ledgerById.insert(QString::number(t.id), t.promptTokens);
    }
    qint64 measuredTokens = 0;
    for (const RequestRecord& r : result.records) {
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(r.embeddingInputs, batch);
        QCOMPARE(r.inputTokensSource, TokenSource::Usage);
        // The server's count of this very request (X-Request-Id): all 8 prompts' words.
        QCOMPARE(r.inputTokens, ledgerById.value(r.serverRequestId, -1));
        QVERIFY(r.inputTokens >= batch * 10);
        QVERIFY(std::isnan(r.ttftMs()));
        QVERIFY(std::isnan(r.tpotMs()));
        QVERIFY(r.e2eMs() > 0);
        measuredTokens += r.inputTokens;
    }
    QCOMPARE(measuredTokens, ledgerTokens);
    QCOMPARE(result.summary.levels.size(), qsizetype(1));
    const LevelSummary& level = result.summary.levels.first();
    QVERIFY(level.embeddings);
    QCOMPARE(level.embeddingInputs, qint64(batch * requests));
    QCOMPARE(level.inputTokens, ledgerTokens);
    QCOMPARE(level.ttftMs.count, 0); // no TTFT at all, not zeros
    QVERIFY(level.e2eMs.count == requests);
}

void TestSimEmbeddingsRun::ratesMatchTheModel() {
    // One request at a time, each one engine step of 10 ms base plus the prefill of its
    // 8 x 32 words at 25,600 words/s (10 ms): 20 ms, so 400 inputs/s and 12,800 input
    // tokens/s. The client can only see less (its own overhead adds to each request),
    // never more: the upper bound is tight, the lower one allows a busy machine.
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    config.prefillTokensPerS = 25600.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    const RunResult result = runEmbeddings(*sim, {8}, 32, 30);
    QCOMPARE(result.summary.levels.size(), qsizetype(1));
    const LevelSummary& level = result.summary.levels.first();
    QCOMPARE(level.successes, 30);
    const double tokensPerInput = double(level.inputTokens) / double(level.embeddingInputs);
    const double requestMs = config.decodeBaseMs + 8 * tokensPerInput * 1000.0 / 25600.0;
    const double modelInputsPerS = 8 * 1000.0 / requestMs;
    qInfo("inputs/s %.1f (model %.1f), input tok/s %.0f (model %.0f), e2e p50 %.2f ms",
          level.inputsPerSecond, modelInputsPerS, level.inputThroughputTps,
          modelInputsPerS * tokensPerInput, level.e2eMs.p50);
    QVERIFY(level.inputsPerSecond <= modelInputsPerS * 1.03);
    QVERIFY(level.inputsPerSecond >= modelInputsPerS * 0.5 / LoadTest::kSlowFactor);
    // Input tokens/s is inputs/s times the words per input, the same window.
    QVERIFY(std::abs(level.inputThroughputTps / level.inputsPerSecond - tokensPerInput) <
            0.05 * tokensPerInput);
    QVERIFY(level.e2eMs.p50 >= requestMs * 0.97);
    // The plateau is about inputs/s for embeddings.
    QCOMPARE(result.summary.plateau.plateauTps, level.inputsPerSecond);
}

void TestSimEmbeddingsRun::inputTooLongIs413() {
    // Through the real client: an input past the per-input limit is a classed http_4xx with
    // the server's message.
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    const RunResult result = runEmbeddings(*sim, {2}, SimEmbeddings::kMaxInputTokens + 500, 2);
    QCOMPARE(LoadTest::countError(result, ErrorClass::Http4xx), 2);
    const RequestRecord& r = result.records.first();
    QCOMPARE(r.httpStatus, 413);
    QVERIFY2(r.errorMessage.startsWith(u"HTTP 413: An input has "), qPrintable(r.errorMessage));
    QCOMPARE(sim->requests().first().fault, QStringLiteral("input_too_long"));
}

QTEST_GUILESS_MAIN(TestSimEmbeddingsRun)
#include "tst_simembeddingsrun.moc"
