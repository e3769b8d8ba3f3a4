// WorkloadPlanner end to end (issue 16): a run's requests come from the profile's workload,
// and the simulator's ground truth (the words it counted, the max_tokens it was asked for,
// its prefix-cache hits, its early ends) says they were sent as planned.

#include "loadtestsupport.h"
#include "sweep/workloadplanner.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <numeric>

namespace {
// The run's requests in id order, paired with the simulator's truth in arrival order (one
// worker: the simulator receives them in id order).
struct Run {
    RunResult result;
    QList<SimRequestTruth> truth;
};

bool runAgainst(SimulatorThread& sim, const Profile& profile, Run* run) {
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    if (!LoadTest::runToEnd(runner, 60000, &run->result))
        return false;
    // The simulator files a request in its ledger just after its last bytes leave (and after
    // caching its answer): the client can see the end first. Wait (bounded) for all of them.
    const qsizetype sent = run->result.records.size();
    if (!QTest::qWaitFor([&] { return sim.requests().size() >= sent; }, 5000))
        return false;
    run->truth = sim.requests();
    std::sort(run->truth.begin(), run->truth.end(),
              [](const SimRequestTruth& a, const SimRequestTruth& b) { return a.id < b.id; });
    return true;
}

Profile oneWorker(const QUrl& url, int requests) {
    Profile profile = LoadTest::profileFor(url, {1}, requests, 8);
    profile.plan.seed = 42;
    return profile;
}
} // namespace

class TestWorkloadPlanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void schemaOneProfileIsNotPlanned();
    void requestsAreReproducible();
    void lengthsAreDrawnPerRequest();
    void datasetEntriesAreSent();
    void sharedPrefixesHitTheServersCache();
    void earlyStopsAreMarkedAndCounted();
    void calibrationProbesComeFromTheWorkload();
    void missingFilesAndUnrunnableKindsAreRefused();
    void traceIsReplayedAtItsTimes();
};

void TestWorkloadPlanner::schemaOneProfileIsNotPlanned() {
    WorkloadPlanner planner;
    QString error;
    QVERIFY(planner.prepare(Profile::defaultProfile(), &error));
    QVERIFY(!planner.isActive());
}

void TestWorkloadPlanner::requestsAreReproducible() {
    Profile profile = Profile::defaultProfile();
    profile.workload.input = LengthDistribution::uniform(10, 500);
    profile.workload.output = LengthDistribution::normal(100, 30, 1, 400);
    WorkloadPlanner a;
    WorkloadPlanner b;
    QString error;
    QVERIFY(a.prepare(profile, &error) && b.prepare(profile, &error));
    const PromptGenerator plain(profile.prompts, 1);
    QList<int> lengths;
    for (quint64 i = 1; i <= 200; ++i) {
        const WorkloadRequestSpec x = a.request(i, plain);
        QCOMPARE(x, b.request(i, plain)); // any order, any planner: the same request
        QVERIFY(x.inputWords >= 10 && x.inputWords <= 500);
        QVERIFY(x.maxTokens >= 1 && x.maxTokens <= 400);
        lengths.append(x.inputWords);
    }
    // Drawn, not fixed: uniform over 10..500 has a mean near 255.
    const double mean = std::accumulate(lengths.begin(), lengths.end(), 0.0) / lengths.size();
    QVERIFY2(mean > 200 && mean < 310, qPrintable(QString::number(mean)));
    // Another seed, another workload.
    profile.plan.seed = 99;
    WorkloadPlanner c;
    QVERIFY(c.prepare(profile, &error));
    QVERIFY(c.request(1, plain) != a.request(1, plain));
}

void TestWorkloadPlanner::lengthsAreDrawnPerRequest() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 30);
    profile.workload.input = LengthDistribution::uniform(20, 300);
    profile.workload.output = LengthDistribution::uniform(2, 24);
    Run run;
    QVERIFY(runAgainst(*sim, profile, &run));
    QCOMPARE(run.result.records.size(), qsizetype(30));
    QCOMPARE(run.truth.size(), qsizetype(30));
    WorkloadPlanner planner;
    QString error;
    QVERIFY(planner.prepare(profile, &error));
    const PromptGenerator plain(profile.prompts, profile.plan.seed);
    QSet<int> distinct;
    for (qsizetype i = 0; i < run.result.records.size(); ++i) {
        const RequestRecord& r = run.result.records.at(i);
        const WorkloadRequestSpec spec = planner.request(r.id, plain);
        // The server counted exactly the words planned and was asked for the planned tokens.
        QCOMPARE(run.truth.at(i).promptTokens, spec.inputWords);
        QCOMPARE(run.truth.at(i).maxTokens, spec.maxTokens);
        QCOMPARE(r.requestedOutputTokens, spec.maxTokens);
        QCOMPARE(r.outputTokens, spec.maxTokens);
        QVERIFY(!r.earlyStop);
        distinct.insert(spec.inputWords);
    }
    QVERIFY2(distinct.size() >= 20, "lengths are drawn per request");
}

void TestWorkloadPlanner::datasetEntriesAreSent() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chat.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QList<int> words = {3, 7, 12, 20, 33};
    for (int n : words) {
        QStringList text;
        for (int w = 0; w < n; ++w)
            text.append(QStringLiteral("w%1").arg(w));
        file.write(QStringLiteral(R"({"messages": [{"role": "user", "content": "%1"}], )"
                                  R"("max_tokens": %2})"
                                  "\n")
                       .arg(text.join(QLatin1Char(' ')))
                       .arg(n % 9 + 2)
                       .toUtf8());
    }
    file.write("not json\n"); // skipped and counted, not fatal
    file.close();

    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 10);
    profile.workload.kind = WorkloadSettings::Kind::Dataset;
    profile.workload.dataset.path = path;
    Run run;
    QVERIFY(runAgainst(*sim, profile, &run));
    QCOMPARE(run.truth.size(), qsizetype(10));
    QSet<int> seen;
    for (qsizetype i = 0; i < run.truth.size(); ++i) {
        const RequestRecord& r = run.result.records.at(i);
        QVERIFY2(r.sourceIndex >= 1 && r.sourceIndex <= 5,
                 qPrintable(QString::number(r.sourceIndex)));
        const int n = words.at(r.sourceIndex - 1);
        QCOMPARE(run.truth.at(i).promptTokens, n);
        QCOMPARE(run.truth.at(i).maxTokens, n % 9 + 2); // the entry's own max_tokens
        seen.insert(n);
    }
    QCOMPARE(seen.size(), qsizetype(5)); // every entry, cycled

    // Forced output length: the output distribution instead of the entries'.
    sim->resetStats();
    profile.workload.dataset.outputFromReference = false;
    profile.workload.output = LengthDistribution::fixed(5);
    QVERIFY(runAgainst(*sim, profile, &run));
    for (const SimRequestTruth& truth : std::as_const(run.truth))
        QCOMPARE(truth.maxTokens, 5);

    // A missing dataset is a clear refusal, before any request.
    profile.workload.dataset.path = dir.filePath(QStringLiteral("missing.json"));
    SweepRunner runner;
    runner.setProfile(profile);
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
    QVERIFY(result.records.isEmpty());
    QVERIFY(!notices.isEmpty());
    QVERIFY2(notices.first().first().toString().contains(u"workload.dataset.path"),
             qPrintable(notices.first().first().toString()));
}

void TestWorkloadPlanner::sharedPrefixesHitTheServersCache() {
    SimConfig config = LoadTest::fastSim();
    config.prefixCacheBlocks = 4096;
    config.prefixBlockWords = 16;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 24);
    profile.workload.sharedPrefix = {true, 2, 256, 1.0};
    profile.workload.input = LengthDistribution::fixed(40);
    Run shared;
    QVERIFY(runAgainst(*sim, profile, &shared));
    int cachedShared = 0;
    QSet<int> groups;
    for (qsizetype i = 0; i < shared.truth.size(); ++i) {
        cachedShared += shared.truth.at(i).cachedWords;
        groups.insert(shared.result.records.at(i).prefixGroup);
        QCOMPARE(shared.truth.at(i).promptTokens, 256 + 40);
    }
    QCOMPARE(groups, (QSet<int>{0, 1}));
    // 24 requests, 2 groups: all but the first of each group find its 256 words cached.
    QCOMPARE(cachedShared, 22 * 256);

    // The same lengths without sharing: nothing cached.
    sim->resetStats();
    profile.workload.sharedPrefix.share = 0.0;
    profile.plan.seed = 43; // other texts than the cache already holds
    Run alone;
    QVERIFY(runAgainst(*sim, profile, &alone));
    int cachedAlone = 0;
    for (qsizetype i = 0; i < alone.truth.size(); ++i) {
        cachedAlone += alone.truth.at(i).cachedWords;
        QCOMPARE(alone.result.records.at(i).prefixGroup, -1);
        QCOMPARE(alone.truth.at(i).promptTokens, 256 + 40);
    }
    QCOMPARE(cachedAlone, 0);
}

void TestWorkloadPlanner::earlyStopsAreMarkedAndCounted() {
    SimConfig config = LoadTest::fastSim();
    config.earlyStopRate = 0.5;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 40);
    profile.workload.output = LengthDistribution::fixed(20);
    SweepRunner runner;
    runner.setProfile(profile);
    runner.setEngineOptions(LoadTest::quickOptions());
    QSignalSpy notices(&runner, &SweepRunner::notice);
    RunResult result;
    QVERIFY(LoadTest::runToEnd(runner, 60000, &result));
    QTRY_VERIFY_WITH_TIMEOUT(sim->requests().size() >= result.records.size(), 5000);
    int truthEarly = 0;
    for (const SimRequestTruth& truth : sim->requests())
        truthEarly += truth.plannedEnd == QLatin1String("early_stop") ? 1 : 0;
    int marked = 0;
    for (const RequestRecord& r : std::as_const(result.records)) {
        marked += r.earlyStop ? 1 : 0;
        QCOMPARE(r.earlyStop, r.outputTokens < 20);
    }
    QVERIFY2(truthEarly > 5, "the preset ends some answers early");
    QCOMPARE(marked, truthEarly);
    QCOMPARE(result.summary.levels.first().earlyStops, truthEarly);
    bool warned = false;
    for (const QList<QVariant>& notice : std::as_const(notices))
        warned |= notice.first().toString().contains(u"ended before the output length");
    QVERIFY(warned);
}

void TestWorkloadPlanner::calibrationProbesComeFromTheWorkload() {
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 4);
    profile.prompts.calibrate = true;
    profile.prompts.inputTokens = 5000; // not what is sent: the workload's lengths are
    profile.workload.input = LengthDistribution::uniform(100, 300);
    Run run;
    QVERIFY(runAgainst(*sim, profile, &run));
    QCOMPARE(run.result.calibration.probeEstimatedTokens.value(0), 200);
    QCOMPARE(run.truth.first().promptTokens, 200); // the first probe, sized from the median
}

void TestWorkloadPlanner::missingFilesAndUnrunnableKindsAreRefused() {
    Profile profile = Profile::defaultProfile();
    profile.workload.kind = WorkloadSettings::Kind::Dataset;
    profile.workload.dataset.path = QStringLiteral(PLATEAU_TEST_DATA_DIR "/no-such-file.json");
    WorkloadPlanner planner;
    QString error;
    QVERIFY(!planner.prepare(profile, &error));
    QVERIFY2(error.contains(u"no-such-file.json"), qPrintable(error));
    profile.workload.kind = WorkloadSettings::Kind::Trace;
    profile.workload.trace.path = QStringLiteral(PLATEAU_TEST_DATA_DIR "/no-such-trace.jsonl");
    QVERIFY(!planner.prepare(profile, &error));
    QVERIFY2(error.contains(u"no-such-trace.jsonl"), qPrintable(error));
    // Conversations read their dataset as well; rate levels cannot run them (each user waits
    // for its answers).
    profile.workload.kind = WorkloadSettings::Kind::Conversations;
    QVERIFY(!planner.prepare(profile, &error));
    QVERIFY2(error.contains(u"no-such-file.json"), qPrintable(error));
    profile.workload.dataset.path.clear();
    QVERIFY2(planner.prepare(profile, &error), qPrintable(error));
    QVERIFY(planner.conversations());
    profile.plan.mode = SweepPlan::Mode::Rate;
    profile.plan.rates = {5.0};
    QVERIFY(!planner.prepare(profile, &error));
    QVERIFY2(error.contains(u"rate levels cannot run them"), qPrintable(error));
}

void TestWorkloadPlanner::traceIsReplayedAtItsTimes() {
    // 100 requests at 50 req/s (every 20 ms), short answers: the simulator's arrival times
    // against the trace's.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    constexpr int kRequests = 100;
    for (int i = 0; i < kRequests; ++i)
        file.write(QStringLiteral(R"({"timestamp": %1, "input_length": %2, "output_length": 3})"
                                  "\n")
                       .arg(1000 + 20 * i) // the replay starts at the first entry
                       .arg(20 + i % 7)
                       .toUtf8());
    file.close();
    auto sim = LoadTest::startSim(LoadTest::fastSim());
    QVERIFY(sim);
    Profile profile = oneWorker(sim->baseUrl(), 5); // the plan's levels are replaced
    profile.workload.kind = WorkloadSettings::Kind::Trace;
    profile.workload.trace.path = path;
    Run run;
    QVERIFY(runAgainst(*sim, profile, &run));
    QCOMPARE(run.result.summary.levels.size(), qsizetype(1));
    QCOMPARE(run.truth.size(), qsizetype(kRequests));
    const LevelSummary& level = run.result.summary.levels.first();
    QVERIFY(level.isRate);
    QCOMPARE(level.rate, 50.0); // the trace's own rate: 99 gaps in 1.98 s
    QList<double> errorsMs;
    for (int i = 0; i < kRequests; ++i) {
        const SimRequestTruth& truth = run.truth.at(i);
        QCOMPARE(truth.promptTokens, 20 + i % 7);
        QCOMPARE(truth.maxTokens, 3);
        QCOMPARE(run.result.records.at(i).sourceIndex, qint64(i + 1));
        const double dueMs = 20.0 * i;
        const double atMs = (truth.arrivalNs - run.truth.first().arrivalNs) / 1e6;
        errorsMs.append(std::abs(atMs - dueMs));
    }
    std::sort(errorsMs.begin(), errorsMs.end());
    const double p99 = errorsMs.at(int(0.99 * (errorsMs.size() - 1)));
    qInfo("trace replay at 50 req/s: arrival error p50 %.3f ms, p99 %.3f ms, max %.3f ms",
          errorsMs.at(errorsMs.size() / 2), p99, errorsMs.last());
    // The issue's target is 2 ms p99; a busy 2-core CI machine gets a looser, still telling
    // bound (a schedule that drifted or ignored the trace would be off by far more).
    QVERIFY2(p99 < 25.0 * LoadTest::kSlowFactor, qPrintable(QString::number(p99)));
}

QTEST_GUILESS_MAIN(TestWorkloadPlanner)
#include "tst_workloadplanner.moc"
