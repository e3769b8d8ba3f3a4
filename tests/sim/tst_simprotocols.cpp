// Ground truth for the native protocols (issue 14): the simulator answers each flavor at
// its real path, and a run through the real engine must measure what the simulator's
// ledger says it did — output and input tokens from the protocol's usage, the finish,
// TTFT after the first token left the server — and class its error shapes.
#include "loadtestsupport.h"
#include "protocol/apiflavor.h"
#include "sim/simlocalendpoint.h"

#include <QTest>
#include <algorithm>

namespace {
RunResult runFlavor(const SimConfig& config, const QString& flavor, int requests, int outputTokens,
                    QList<SimRequestTruth>* truth = nullptr) {
    auto sim = LoadTest::startSim(config);
    if (!sim)
        return {};
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {1}, requests, outputTokens);
    profile.endpoints[0].flavor = flavor;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    if (!LoadTest::runToEnd(runner, 60000, &result))
        return {};
    if (truth) {
        // The last request's truth is recorded just after its last write.
        for (int waited = 0; sim->requests().size() < requests && waited < 10000; waited += 20)
            QTest::qWait(20);
        *truth = sim->requests();
    }
    return result;
}

QList<RequestRecord> bySendTime(QList<RequestRecord> records) {
    std::sort(records.begin(), records.end(),
              [](const RequestRecord& a, const RequestRecord& b) { return a.tSendNs < b.tSendNs; });
    return records;
}
} // namespace

class TestSimProtocols : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flavors_data();
    void measuredMatchesTheLedger_data() { flavors_data(); }
    void measuredMatchesTheLedger();
    void serverErrorsInTheProtocolsShape_data() { flavors_data(); }
    void serverErrorsInTheProtocolsShape();
    void midStreamErrorEvent_data() { flavors_data(); }
    void midStreamErrorEvent();
    void invalidRequestIsA400_data() { flavors_data(); }
    void invalidRequestIsA400();
};

void TestSimProtocols::flavors_data() {
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QString>("path");
    QTest::newRow("anthropic") << "anthropic"
                               << "/v1/messages";
    QTest::newRow("openai-responses") << "openai-responses"
                                      << "/v1/responses";
    QTest::newRow("tgi") << "tgi"
                         << "/generate_stream";
    QTest::newRow("ollama") << "ollama"
                            << "/api/chat";
}

void TestSimProtocols::measuredMatchesTheLedger() {
    QFETCH(QString, flavor);
    QFETCH(QString, path);
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 3.0;
    config.earlyStopRate = 0.5; // both ends: "length" and a natural "stop"
    constexpr int requests = 8;
    QList<SimRequestTruth> truth;
    const RunResult result = runFlavor(config, flavor, requests, 12, &truth);
    QCOMPARE(result.records.size(), qsizetype(requests));
    std::sort(truth.begin(), truth.end(),
              [](const SimRequestTruth& a, const SimRequestTruth& b) { return a.id < b.id; });
    const QList<RequestRecord> records = bySendTime(result.records);
    int stops = 0;
    for (int i = 0; i < requests; ++i) {
        const RequestRecord& r = records.at(i);
        const SimRequestTruth& t = truth.at(i);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(t.path, path);
        QCOMPARE(r.outputTokens, t.tokensSent);
        QCOMPARE(r.outputTokensSource, TokenSource::Usage);
        QCOMPARE(r.inputTokens, t.promptTokens);
        QCOMPARE(r.inputTokensSource, TokenSource::Usage);
        QCOMPARE(r.finishReason, t.finishReason);
        QCOMPARE(r.contentEventNs.size(), qsizetype(t.tokensSent)); // one event per word
        // Same clock: TTFT starts at the send and ends after the first token was written.
        QVERIFY(r.tSendNs <= t.arrivalNs);
        QVERIFY(r.tFirstContentNs >= t.firstTokenNs);
        QVERIFY(r.tLastContentNs >= t.lastTokenNs);
        if (flavor == QLatin1String("ollama")) {
            // Ollama's own timings, as the simulator's schedule had them (issue 14).
            QCOMPARE(r.serverLoadNs, t.admittedNs - t.arrivalNs);
            QCOMPARE(r.serverPromptEvalNs, t.plannedFirstTokenNs - t.admittedNs);
            QCOMPARE(r.serverEvalNs, t.plannedLastTokenNs - t.plannedFirstTokenNs);
            QVERIFY(r.serverTotalNs >= r.serverLoadNs + r.serverPromptEvalNs + r.serverEvalNs);
            QVERIFY(r.serverTotalNs > 0);
        } else {
            QVERIFY(!r.hasServerTimings()); // the other protocols report none
        }
        stops += r.finishReason == QLatin1String("stop") ? 1 : 0;
    }
    QVERIFY(stops > 0 && stops < requests); // both finish paths were exercised
}

void TestSimProtocols::serverErrorsInTheProtocolsShape() {
    QFETCH(QString, flavor);
    SimConfig config = LoadTest::fastSim();
    config.rate500 = 1.0;
    const RunResult result = runFlavor(config, flavor, 2, 4);
    QCOMPARE(LoadTest::countError(result, ErrorClass::Http5xx), 2);
    // The flavor read the message out of its protocol's error body.
    QCOMPARE(result.records.first().errorMessage,
             QStringLiteral("HTTP 500: Internal server error (simulated)"));
}

void TestSimProtocols::midStreamErrorEvent() {
    QFETCH(QString, flavor);
    SimConfig config = LoadTest::fastSim();
    config.rateErrorEvent = 1.0;
    const RunResult result = runFlavor(config, flavor, 2, 8);
    QCOMPARE(LoadTest::countError(result, ErrorClass::StreamErrorEvent), 2);
    QVERIFY2(result.records.first().errorMessage.contains(u"Simulated engine error mid-stream"),
             qPrintable(result.records.first().errorMessage));
    QVERIFY(result.records.first().outputTokens >= 1); // it failed after some tokens
}

void TestSimProtocols::invalidRequestIsA400() {
    QFETCH(QString, flavor);
    SimConfig config = LoadTest::fastSim();
    config.kvCacheTokens = 40; // a 32-word prompt + 64 tokens never fits
    const RunResult result = runFlavor(config, flavor, 1, 64);
    QCOMPARE(LoadTest::countError(result, ErrorClass::Http4xx), 1);
    QVERIFY2(result.records.first().errorMessage.startsWith(
                 u"HTTP 400: This model's maximum context length is 40 tokens"),
             qPrintable(result.records.first().errorMessage));
}

QTEST_GUILESS_MAIN(TestSimProtocols)
#include "tst_simprotocols.moc"
