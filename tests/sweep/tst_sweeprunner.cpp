// SweepRunner end to end against the real simulator: signals on the caller's thread,
// cancel, faults, unreachable endpoints, invalid profiles, stop rules, the journal, the
// built-in sim: endpoint, and measured timing against the simulator's ground truth.

#include "common/monotonicclock.h"
#include "loadtestsupport.h"
#include "sim/simlocalendpoint.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>

namespace {
QStringList journalTypes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList types;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (!line.trimmed().isEmpty())
            types.append(QJsonDocument::fromJson(line).object().value(u"type").toString());
    }
    return types;
}

double median(QList<double> values) {
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}
} // namespace

class TestSweepRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signalsArriveOnTheCallerThread();
    void builtinSimulatorEndpoint();
    void localEndpointIsInjected();
    void cancelMidLevelKeepsPartialResults();
    void faultsAreRecordedWithTheirClasses();
    void unreachableEndpointStopsEarly_data();
    void unreachableEndpointStopsEarly();
    void invalidProfileFinishesWithNotice_data();
    void invalidProfileFinishesWithNotice();
    void errorRateStopsTheSweep();
    void measuredTimingMatchesSimulatorTruth();
    void progressIsLive();
};

void TestSweepRunner::signalsArriveOnTheCallerThread() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    SweepRunner runner;
    runner.setProfile(LoadTest::profileFor(sim->baseUrl(), {1, 2}, 4, 4));
    runner.setEngineOptions(LoadTest::quickOptions());
    QThread* const self = QThread::currentThread();
    int wrongThread = 0;
    QList<int> started;
    QList<int> finishedLevels;
    connect(&runner, &SweepRunner::levelStarted, this, [&](int index, const QString&) {
        wrongThread += QThread::currentThread() != self;
        started.append(index);
    });
    connect(&runner, &SweepRunner::levelFinished, this, [&](const LevelSummary& summary) {
        wrongThread += QThread::currentThread() != self;
        finishedLevels.append(summary.index);
    });
    connect(&runner, &SweepRunner::finished, this,
            [&](const RunResult&) { wrongThread += QThread::currentThread() != self; });
    QSignalSpy startedSpy(&runner, &SweepRunner::started);
    RunResult result;
    QVERIFY(!runner.isRunning());
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QVERIFY(!runner.isRunning());
    QCOMPARE(startedSpy.size(), 1);
    QCOMPARE(wrongThread, 0);
    QCOMPARE(started, (QList<int>{0, 1}));
    QCOMPARE(finishedLevels, (QList<int>{0, 1}));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QVERIFY(!result.cancelled);
    QCOMPARE(result.summary.levels.size(), qsizetype(2));
    QCOMPARE(result.endpointUrl, sim->baseUrl().toString());
    QCOMPARE(runner.result().records.size(), qsizetype(8));

    // A second run on the same runner works too.
    RunResult again;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &again));
    QCOMPARE(again.records.size(), qsizetype(8));

    // No seed pinned (0): each run draws its own, and the results keep the one used.
    QVERIFY(result.profile.plan.seed != 0);
    QVERIFY(again.profile.plan.seed != 0);
    QVERIFY(again.profile.plan.seed != result.profile.plan.seed);
    Profile pinned = LoadTest::profileFor(sim->baseUrl(), {1}, 2, 4);
    pinned.plan.seed = 7;
    runner.setProfile(pinned);
    RunResult repeatable;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &repeatable));
    QCOMPARE(repeatable.profile.plan.seed, quint64(7));
}

void TestSweepRunner::localEndpointIsInjected() {
    // The core links no simulator: a "sim://" endpoint runs only against what the run's
    // owner injects, and without a factory the run says so instead of hanging.
    Profile profile = LoadTest::profileFor(QUrl(QStringLiteral("sim:default")), {1}, 1, 1);
    {
        SweepRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        QSignalSpy notices(&runner, &SweepRunner::notice);
        RunResult result;
        QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
        QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("error"));
        QVERIFY(!notices.isEmpty());
        QVERIFY2(notices.last().first().toString().contains(u"no built-in simulator"),
                 qPrintable(notices.last().first().toString()));
    }
    // Any local server will do: the factory's endpoint is used by its URL.
    SimulatorThread sim;
    QVERIFY(sim.start());
    struct Borrowed : LocalEndpoint {
        QUrl url;
        bool start(QString*) override { return true; }
        QUrl baseUrl() const override { return url; }
        void stop() override {}
    };
    QString askedPreset;
    SweepRunner runner;
    runner.setProfile(LoadTest::profileFor(QUrl(QStringLiteral("sim:small-fast")), {1}, 2, 2));
    runner.setEngineOptions(LoadTest::quickOptions());
    runner.setLocalEndpointFactory([&](const QString& preset, QString*) {
        askedPreset = preset; // read after the run, which has joined the engine thread
        auto endpoint = std::make_unique<Borrowed>();
        endpoint->url = sim.baseUrl();
        return std::unique_ptr<LocalEndpoint>(std::move(endpoint));
    });
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QCOMPARE(askedPreset, QStringLiteral("small-fast"));
    QCOMPARE(result.endpointUrl, sim.baseUrl().toString());
    QVERIFY(sim.stats().requestsCompleted >= 2); // the run used the injected endpoint
}

void TestSweepRunner::builtinSimulatorEndpoint() {
    Profile profile = LoadTest::profileFor(QUrl(QStringLiteral("sim:default")), {2}, 4, 4);
    profile.prompts.calibrate = true;
    QTemporaryDir dir;
    const QString journal = dir.filePath(QStringLiteral("run.journal.jsonl"));
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setJournalPath(journal);
    runner.setEngineOptions(LoadTest::quickOptions());
    runner.setLocalEndpointFactory(SimLocalEndpoint::factory());
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 60000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QVERIFY2(result.endpointUrl.startsWith(QLatin1String("http://127.0.0.1:")),
             qPrintable(result.endpointUrl));
    QCOMPARE(result.records.size(), qsizetype(4));
    for (const RequestRecord& record : result.records)
        QVERIFY(record.ok());
    // The probe ran against the simulator (which reports usage) and calibrated the prompts.
    bool calibrated = false;
    for (const QList<QVariant>& args : notices)
        calibrated = calibrated || args.first().toString().startsWith(u"calibrated prompts");
    QVERIFY(calibrated);
    // Journal: run start, level start, one line per record, level end, run end.
    const QStringList types = journalTypes(journal);
    QCOMPARE(types.count(QStringLiteral("request")), 4);
    QCOMPARE(types.first(), QStringLiteral("run"));
    QCOMPARE(types.count(QStringLiteral("level_start")), 1);
    QCOMPARE(types.count(QStringLiteral("level_end")), 1);
    QCOMPARE(types.last(), QStringLiteral("end"));
}

void TestSweepRunner::cancelMidLevelKeepsPartialResults() {
    // Long streams (1000 tokens x 10 ms = 10 s each) in a 60 s level: a stop must not wait.
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {16, 32}, 0, 1000);
    profile.plan.durationPerLevelS = 60.0;
    QTemporaryDir dir;
    const QString journal = dir.filePath(QStringLiteral("cancel.journal.jsonl"));
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setJournalPath(journal);
    runner.setEngineOptions(LoadTest::quickOptions());
    QSignalSpy finished(&runner, &SweepRunner::finished);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(runner.progress().inFlight, 16, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(sim->stats().tokensEmitted > 16 * 5, 20000);
    QVERIFY(runner.isRunning());
    QElapsedTimer clock;
    clock.start();
    runner.stop();
    QVERIFY(finished.wait(10000));
    const qint64 stopMs = clock.elapsed();
    qInfo("stop took %lld ms", stopMs);
    QVERIFY(stopMs < 5000); // promptly (a generous bound; typically a few ms)
    QVERIFY(!runner.isRunning());

    const RunResult result = finished.first().first().value<RunResult>();
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("cancelled"));
    QVERIFY(result.cancelled);
    QCOMPARE(result.records.size(), qsizetype(16));
    QCOMPARE(LoadTest::countError(result, ErrorClass::Cancelled), 16);
    for (const RequestRecord& record : result.records)
        QVERIFY(!record.contentEventNs.isEmpty()); // measured so far, kept
    QCOMPARE(result.levels.size(), qsizetype(1));
    QVERIFY(!result.levels.first().complete);
    QCOMPARE(result.summary.levels.size(), qsizetype(1));
    QVERIFY(!result.summary.levels.first().complete);
    QCOMPARE(runner.result().records.size(), qsizetype(16));
    // The server saw every stream end (the client closed them) and nothing else started.
    QTRY_COMPARE_WITH_TIMEOUT(sim->stats().inFlight, 0, 10000);
    QCOMPARE(sim->stats().requestsStarted, qint64(16));

    const QStringList types = journalTypes(journal);
    QCOMPARE(types.count(QStringLiteral("request")), 16);
    QCOMPARE(types.last(), QStringLiteral("end"));
}

void TestSweepRunner::faultsAreRecordedWithTheirClasses() {
    SimConfig config = LoadTest::fastSim();
    config.rate429 = 0.1;
    config.rate500 = 0.1;
    config.rateDrop = 0.1;
    config.rateErrorEvent = 0.1;
    config.rateStall = 0.1;
    config.seed = 5;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {8, 16}, 80, 16);
    // A stalled stream is given up on quickly.
    profile.endpoints[0].firstTokenTimeoutS = 0.5;
    profile.endpoints[0].idleTimeoutS = 0.5;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 90000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("completed"));
    QCOMPARE(result.records.size(), qsizetype(160));
    QCOMPARE(result.summary.levels.size(), qsizetype(2));

    // Each fault the server injected shows up in the client's records with its class.
    QMap<QString, int> truth;
    // The simulator files a request just after its last bytes leave: wait for all of them.
    QTRY_VERIFY_WITH_TIMEOUT(sim->requests().size() >= result.records.size(), 5000);
    const QList<SimRequestTruth> requests = sim->requests();
    for (const SimRequestTruth& request : requests)
        ++truth[request.fault];
    QMap<QString, int> measured;
    for (const RequestRecord& record : result.records)
        ++measured[record.error];
    qInfo() << "server faults" << truth << "client classes" << measured;
    QVERIFY(truth.value(QStringLiteral("429")) > 0);
    QVERIFY(truth.value(QStringLiteral("500")) > 0);
    QVERIFY(truth.value(QStringLiteral("drop")) > 0);
    QVERIFY(truth.value(QStringLiteral("error_event")) > 0);
    QVERIFY(truth.value(QStringLiteral("stall")) > 0);
    QCOMPARE(measured.value(ErrorClass::Http429), truth.value(QStringLiteral("429")));
    QCOMPARE(measured.value(ErrorClass::Http5xx), truth.value(QStringLiteral("500")));
    QCOMPARE(measured.value(ErrorClass::Reset), truth.value(QStringLiteral("drop")));
    QCOMPARE(measured.value(ErrorClass::StreamErrorEvent),
             truth.value(QStringLiteral("error_event")));
    QCOMPARE(measured.value(ErrorClass::Timeout), truth.value(QStringLiteral("stall")));
    QCOMPARE(measured.value(QString()), truth.value(QString()));
    // And the level summaries count them by class, warm-up excluded.
    int summarized = 0;
    for (const LevelSummary& level : result.summary.levels) {
        for (auto it = level.errors.cbegin(); it != level.errors.cend(); ++it)
            summarized += it.value();
    }
    QCOMPARE(summarized, 160 - measured.value(QString()));
}

void TestSweepRunner::unreachableEndpointStopsEarly_data() {
    QTest::addColumn<bool>("calibrate");
    QTest::newRow("first requests fail") << false;
    QTest::newRow("calibration probe fails") << true;
}

void TestSweepRunner::unreachableEndpointStopsEarly() {
    QFETCH(bool, calibrate);
    quint16 port = 0;
    {
        QTcpServer server; // a port that was free a moment ago, now closed
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        port = server.serverPort();
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    Profile profile = LoadTest::profileFor(url, {1, 2, 4}, 50, 4);
    profile.prompts.calibrate = calibrate;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("unreachable"));
    const QString expected =
        QStringLiteral("endpoint unreachable: connection refused at 127.0.0.1:%1").arg(port);
    bool said = false;
    for (const QList<QVariant>& args : notices)
        said = said || args.first().toString() == expected;
    QVERIFY2(said, qPrintable(expected));
    if (calibrate) {
        QVERIFY(result.records.isEmpty()); // the probe is not a measured request
        QVERIFY(result.summary.levels.isEmpty());
    } else {
        // The failed attempts are kept, in a partial first level.
        QCOMPARE(LoadTest::countError(result, ErrorClass::Connect), 3);
        QCOMPARE(result.records.size(), qsizetype(3));
        QCOMPARE(result.summary.levels.size(), qsizetype(1));
        QVERIFY(!result.summary.levels.first().complete);
    }
}

void TestSweepRunner::invalidProfileFinishesWithNotice_data() {
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("noticeContains");
    Profile badUrl =
        LoadTest::profileFor(QUrl(QStringLiteral("ftp://example.invalid/")), {1}, 1, 1);
    QTest::newRow("bad url") << badUrl << QStringLiteral("endpoints[0].url");
    Profile noLevels = LoadTest::profileFor(QUrl(QStringLiteral("sim:default")), {}, 1, 1);
    QTest::newRow("no levels") << noLevels << QStringLiteral("plan.concurrencies");
    Profile missingKey = LoadTest::profileFor(QUrl(QStringLiteral("sim:default")), {1}, 1, 1);
    missingKey.endpoints[0].apiKeyRef = QStringLiteral("${env:PLATEAU_TEST_SURELY_UNSET}");
    QTest::newRow("missing key") << missingKey << QStringLiteral("PLATEAU_TEST_SURELY_UNSET");
}

void TestSweepRunner::invalidProfileFinishesWithNotice() {
    QFETCH(Profile, profile);
    QFETCH(QString, noticeContains);
    qunsetenv("PLATEAU_TEST_SURELY_UNSET");
    SweepRunner runner;
    runner.setProfile(profile);
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 10000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("invalid_profile"));
    QVERIFY(result.records.isEmpty());
    QVERIFY(!notices.isEmpty());
    bool found = false;
    for (const QList<QVariant>& args : notices)
        found = found || args.first().toString().contains(noticeContains);
    QVERIFY2(found, qPrintable(notices.first().first().toString()));
}

void TestSweepRunner::errorRateStopsTheSweep() {
    SimConfig config = LoadTest::fastSim();
    config.rate500 = 1.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {1, 2, 4}, 5, 4);
    profile.plan.maxErrorRate = 0.5;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(StopReasons::key(result.stopReason), QStringLiteral("error_rate"));
    QCOMPARE(result.summary.levels.size(), qsizetype(1)); // HTTP 500 is reachable: no early stop
    QCOMPARE(LoadTest::countError(result, ErrorClass::Http5xx), 5);
    QVERIFY(notices.last().first().toString().startsWith(u"stopping: error rate 100%"));
}

void TestSweepRunner::measuredTimingMatchesSimulatorTruth() {
    // Sequential requests (c=1) pair with the server's history by order; each record's
    // TTFT and TPOT are compared with what the server really did, on the same clock.
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 5.0;
    config.prefillTokensPerS = 20000.0; // ~2 ms of prefill for a 32-token prompt
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    constexpr int requests = 20;
    SweepRunner runner;
    runner.setProfile(LoadTest::profileFor(sim->baseUrl(), {1}, requests, 24));
    runner.setEngineOptions(LoadTest::quickOptions());
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QCOMPARE(result.records.size(), qsizetype(requests));
    // The last request's truth is recorded just after its last write: the run can end first.
    QTRY_COMPARE_WITH_TIMEOUT(sim->requests().size(), qsizetype(requests), 10000);
    const QList<SimRequestTruth> truth = sim->requests();

    QList<RequestRecord> records = result.records;
    std::sort(records.begin(), records.end(),
              [](const RequestRecord& a, const RequestRecord& b) { return a.tSendNs < b.tSendNs; });
    QList<double> ttftErrors;
    QList<double> tpotErrors;
    for (int i = 0; i < requests; ++i) {
        const RequestRecord& r = records.at(i);
        const SimRequestTruth& t = truth.at(i);
        QVERIFY(r.ok());
        QCOMPARE(r.outputTokens, t.tokensSent);
        // Causality on one clock: sent before the server got it, received after it wrote.
        QVERIFY(r.tSendNs <= t.arrivalNs);
        QVERIFY(r.tFirstContentNs >= t.firstTokenNs);
        const double trueTtft = double(t.firstTokenNs - t.arrivalNs) / 1e6;
        const double trueTpot =
            double(t.lastTokenNs - t.firstTokenNs) / 1e6 / std::max(1, t.tokensSent - 1);
        ttftErrors.append(r.ttftMs() - trueTtft);
        tpotErrors.append(std::abs(r.tpotMs() - trueTpot));
    }
    const double ttftP50 = median(ttftErrors);
    const double ttftMax = *std::max_element(ttftErrors.begin(), ttftErrors.end());
    const double tpotP50 = median(tpotErrors);
    const double tpotMax = *std::max_element(tpotErrors.begin(), tpotErrors.end());
    const auto within10Ms = std::count_if(ttftErrors.begin(), ttftErrors.end(), [](double e) {
        return e <= 10.0 * LoadTest::kSlowFactor;
    });
    qInfo("TTFT error vs truth: p50 %.3f ms, max %.3f ms; TPOT error p50 %.3f ms, max %.3f ms",
          ttftP50, ttftMax, tpotP50, tpotMax);
    // Loopback: the TTFT error is the request's and the first token's transit. Stated
    // tolerances, for a busy shared 2-core machine where any thread can be descheduled
    // for tens of ms: median <= 5 ms and 3 requests in 4 within 10 ms (a late timestamp,
    // taken after parsing or batching, shifts them all); a single outlier only <= 1 s.
    // TPOT spreads transit jitter over 23 gaps: median <= 1 ms, max <= 50 ms.
    // x4 under the sanitizers.
    QVERIFY(ttftP50 <= 5.0 * LoadTest::kSlowFactor);
    QVERIFY(within10Ms * 4 >= requests * 3);
    QVERIFY(ttftMax <= 1000.0);
    QVERIFY(tpotP50 <= 1.0 * LoadTest::kSlowFactor);
    QVERIFY(tpotMax <= 50.0 * LoadTest::kSlowFactor);
}

void TestSweepRunner::progressIsLive() {
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = LoadTest::profileFor(sim->baseUrl(), {4}, 0, 20);
    profile.plan.durationPerLevelS = 2.5;
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    QSignalSpy finished(&runner, &SweepRunner::finished);
    runner.start();
    QTRY_VERIFY_WITH_TIMEOUT(runner.progress().timeline.size() >= 1, 10000);
    const RunProgress progress = runner.progress();
    QVERIFY(progress.running);
    QCOMPARE(progress.levelIndex, 0);
    QCOMPARE(progress.levelCount, 1);
    QCOMPARE(progress.levelLabel, QStringLiteral("c=4"));
    QCOMPARE(progress.requestsPlanned, 0); // duration-bound
    QVERIFY(progress.requestsDone > 0);
    QVERIFY(progress.liveTokensPerSecond > 0.0);
    QVERIFY(progress.timeline.first().tokensPerSecond > 0.0);
    QVERIFY(progress.etaS >= 0.0 && progress.etaS < 10.0);
    // The partial level is summarized on demand while the level runs.
    const RunResult partial = runner.result();
    QCOMPARE(partial.summary.levels.size(), qsizetype(1));
    QVERIFY(!partial.summary.levels.first().complete);
    QVERIFY(finished.wait(20000));
    QVERIFY(!runner.progress().running);
}

QTEST_GUILESS_MAIN(TestSweepRunner)
#include "tst_sweeprunner.moc"
