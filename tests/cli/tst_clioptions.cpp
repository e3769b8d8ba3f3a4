#include "cli/clioptions.h"

#include "profile/profileio.h"

#include <QTemporaryDir>
#include <QTest>
#include <limits>

class TestCliOptions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString saveProfile(const Profile& profile, const QString& name) {
        const QString path = m_dir.filePath(name);
        QString error;
        if (!ProfileIo::save(profile, path, &error))
            qWarning("cannot save test profile: %s", qPrintable(error));
        return path;
    }

private Q_SLOTS:
    void noArgumentsIsTheBuiltinSimulatorSweep() {
        QString error;
        const auto inv = CliOptions::parseRun({}, &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QVERIFY(!inv->help);
        QCOMPARE(inv->profile, Profile::defaultProfile());
        QVERIFY(inv->profile.endpoint().isBuiltinSimulator());
        QVERIFY(inv->outputs.profilePath.isEmpty());
        QVERIFY(inv->outputs.journalPath.isEmpty());
        QVERIFY(!inv->outputs.quiet);
    }
    void help() {
        QString error;
        QVERIFY(CliOptions::parseRun({QStringLiteral("--help")}, &error)->help);
        QVERIFY(CliOptions::parseRun({QStringLiteral("-h")}, &error)->help);
    }
    void flagsSetEverything() {
        qputenv("PLATEAU_TEST_KEY_VAR", "sk-test-123456");
        const QStringList args = {
            QStringLiteral("--url"),
            QStringLiteral("http://127.0.0.1:8000/v1"),
            QStringLiteral("--api"),
            QStringLiteral("openai-completions"),
            QStringLiteral("--model"),
            QStringLiteral("m1"),
            QStringLiteral("--api-key-env"),
            QStringLiteral("PLATEAU_TEST_KEY_VAR"),
            QStringLiteral("--header"),
            QStringLiteral("X-One: 1"),
            QStringLiteral("-H"),
            QStringLiteral("x-one:  2 "),
            QStringLiteral("--header"),
            QStringLiteral("X-Two: a: b"),
            QStringLiteral("--concurrency"),
            QStringLiteral("1,2,4"),
            QStringLiteral("--requests-per-level"),
            QStringLiteral("10"),
            QStringLiteral("--warmup"),
            QStringLiteral("2"),
            QStringLiteral("--input-tokens"),
            QStringLiteral("64"),
            QStringLiteral("--output-tokens"),
            QStringLiteral("16"),
            QStringLiteral("--budget"),
            QStringLiteral("ttft:p95<=500,e2e:p95<=10000"),
            QStringLiteral("--stop-at-plateau"),
            QStringLiteral("--insecure"),
            QStringLiteral("--idle-timeout"),
            QStringLiteral("2.5"),
            QStringLiteral("--first-token-timeout"),
            QStringLiteral("7.5"),
            QStringLiteral("--connect-timeout"),
            QStringLiteral("1.5"),
            QStringLiteral("--journal"),
            QStringLiteral("j.jsonl"),
            QStringLiteral("--out"),
            QStringLiteral("r.json"),
            QStringLiteral("--csv"),
            QStringLiteral("r.csv"),
            QStringLiteral("--vllm-json"),
            QStringLiteral("v.json"),
            QStringLiteral("--quiet"),
        };
        QString error;
        const auto inv = CliOptions::parseRun(args, &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        const EndpointConfig& ep = inv->profile.endpoint();
        QCOMPARE(ep.url, QUrl(QStringLiteral("http://127.0.0.1:8000/v1")));
        QCOMPARE(ep.flavor, QStringLiteral("openai-completions"));
        QCOMPARE(ep.model, QStringLiteral("m1"));
        QCOMPARE(ep.apiKeyRef, QStringLiteral("${env:PLATEAU_TEST_KEY_VAR}"));
        // A repeated header (any case) replaces the earlier one; values keep inner colons.
        QCOMPARE(ep.headers.size(), 2);
        QCOMPARE(ep.headers.at(0),
                 (QPair<QString, QString>(QStringLiteral("x-one"), QStringLiteral("2"))));
        QCOMPARE(ep.headers.at(1).second, QStringLiteral("a: b"));
        QVERIFY(!ep.verifyTls);
        QCOMPARE(ep.idleTimeoutS, 2.5);
        QCOMPARE(ep.firstTokenTimeoutS, 7.5);
        QCOMPARE(ep.connectTimeoutS, 1.5);
        const SweepPlan& plan = inv->profile.plan;
        QCOMPARE(plan.mode, SweepPlan::Mode::Concurrency);
        QCOMPARE(plan.concurrencies, (QList<int>{1, 2, 4}));
        QCOMPARE(plan.requestsPerLevel, 10);
        QCOMPARE(plan.durationPerLevelS, 0.0); // else the default duration would win
        QCOMPARE(plan.warmupRequests, 2);
        QVERIFY(plan.stopAtPlateau);
        QCOMPARE(inv->profile.prompts.inputTokens, 64);
        QCOMPARE(inv->profile.prompts.outputTokens, 16);
        QCOMPARE(inv->profile.budget.limits.size(), 2);
        QCOMPARE(inv->outputs.journalPath, QStringLiteral("j.jsonl"));
        QCOMPARE(inv->outputs.outPath, QStringLiteral("r.json"));
        QCOMPARE(inv->outputs.csvPath, QStringLiteral("r.csv"));
        QCOMPARE(inv->outputs.vllmJsonPath, QStringLiteral("v.json"));
        QVERIFY(inv->outputs.quiet);
    }
    void rateSweep() {
        QString error;
        const auto inv = CliOptions::parseRun(
            {QStringLiteral("--rate"), QStringLiteral("5,10"), QStringLiteral("--max-concurrency"),
             QStringLiteral("32"), QStringLiteral("--duration-per-level"), QStringLiteral("3")},
            &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QCOMPARE(inv->profile.plan.mode, SweepPlan::Mode::Rate);
        QCOMPARE(inv->profile.plan.rates, (QList<double>{5.0, 10.0}));
        QCOMPARE(inv->profile.plan.maxConcurrency, 32);
        QCOMPARE(inv->profile.plan.durationPerLevelS, 3.0);
        QCOMPARE(inv->profile.plan.requestsPerLevel, 0);
    }
    void flagsOverrideTheProfile() {
        Profile profile = Profile::defaultProfile();
        profile.name = QStringLiteral("mine");
        profile.endpoints.first().url = QUrl(QStringLiteral("http://10.1.2.3:9000/v1"));
        profile.endpoints.first().model = QStringLiteral("kept");
        profile.plan.concurrencies = {3, 6};
        profile.prompts.outputTokens = 77;
        const QString path = saveProfile(profile, QStringLiteral("mine.json"));
        QString error;
        const auto inv =
            CliOptions::parseRun({path, QStringLiteral("-c"), QStringLiteral("5")}, &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QCOMPARE(inv->outputs.profilePath, path);
        QCOMPARE(inv->profile.name, QStringLiteral("mine"));
        QCOMPARE(inv->profile.endpoint().url, profile.endpoints.first().url);
        QCOMPARE(inv->profile.endpoint().model, QStringLiteral("kept"));
        QCOMPARE(inv->profile.plan.concurrencies, (QList<int>{5}));
        QCOMPARE(inv->profile.prompts.outputTokens, 77);
    }
    void everyFlagOverridesTheProfile() {
        // A profile with a value for everything the synopsis has a flag for, then every flag:
        // each flag must win, and what no flag touches must stay as the profile says.
        Profile profile = Profile::defaultProfile();
        profile.name = QStringLiteral("full");
        EndpointConfig& ep = profile.endpoints.first();
        ep.url = QUrl(QStringLiteral("http://10.0.0.1:8000/v1"));
        ep.flavor = QStringLiteral("openai-chat");
        ep.model = QStringLiteral("old-model");
        ep.apiKeyRef = QStringLiteral("${env:OLD_KEY_VAR}");
        ep.headers = {{QStringLiteral("X-Team"), QStringLiteral("old")},
                      {QStringLiteral("X-Keep"), QStringLiteral("kept")}};
        ep.idleTimeoutS = 30;
        ep.totalTimeoutS = 100;
        profile.plan.mode = SweepPlan::Mode::Concurrency;
        profile.plan.concurrencies = {3, 6};
        profile.plan.requestsPerLevel = 50;
        profile.plan.durationPerLevelS = 0;
        profile.plan.warmupRequests = 5;
        profile.plan.seed = 1;
        profile.prompts.inputTokens = 100;
        profile.prompts.outputTokens = 77;
        profile.budget.limits = {LatencyLimit{LatencyMetric::Ttft, LatencyStat::P95, 999}};
        const QString path = saveProfile(profile, QStringLiteral("full.json"));
        qputenv("NEW_KEY_VAR", "sk-override-test");

        QString error;
        const auto inv = CliOptions::parseRun({path,
                                               QStringLiteral("--url"),
                                               QStringLiteral("http://127.0.0.1:9999/v1"),
                                               QStringLiteral("--api"),
                                               QStringLiteral("openai-completions"),
                                               QStringLiteral("--model"),
                                               QStringLiteral("new-model"),
                                               QStringLiteral("--api-key-env"),
                                               QStringLiteral("NEW_KEY_VAR"),
                                               QStringLiteral("--header"),
                                               QStringLiteral("x-team: new"),
                                               QStringLiteral("--rate"),
                                               QStringLiteral("2,4"),
                                               QStringLiteral("--max-concurrency"),
                                               QStringLiteral("8"),
                                               QStringLiteral("--duration-per-level"),
                                               QStringLiteral("7"),
                                               QStringLiteral("--warmup"),
                                               QStringLiteral("1"),
                                               QStringLiteral("--input-tokens"),
                                               QStringLiteral("12"),
                                               QStringLiteral("--output-tokens"),
                                               QStringLiteral("34"),
                                               QStringLiteral("--budget"),
                                               QStringLiteral("e2e:p50<=2s"),
                                               QStringLiteral("--idle-timeout"),
                                               QStringLiteral("3"),
                                               QStringLiteral("--timeout"),
                                               QStringLiteral("9"),
                                               QStringLiteral("--seed"),
                                               QStringLiteral("4242"),
                                               QStringLiteral("--http2")},
                                              &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        const EndpointConfig& got = inv->profile.endpoint();
        QCOMPARE(got.url, QUrl(QStringLiteral("http://127.0.0.1:9999/v1")));
        QCOMPARE(got.flavor, QStringLiteral("openai-completions"));
        QCOMPARE(got.model, QStringLiteral("new-model"));
        QCOMPARE(got.apiKeyRef, QStringLiteral("${env:NEW_KEY_VAR}"));
        QCOMPARE(got.headers.size(), 2); // X-Team replaced (any case), X-Keep kept
        QVERIFY(got.headers.contains(
            QPair<QString, QString>(QStringLiteral("x-team"), QStringLiteral("new"))));
        QVERIFY(got.headers.contains(
            QPair<QString, QString>(QStringLiteral("X-Keep"), QStringLiteral("kept"))));
        QCOMPARE(got.idleTimeoutS, 3.0);
        QCOMPARE(got.totalTimeoutS, 9.0);
        QVERIFY(got.http2);
        const SweepPlan& plan = inv->profile.plan;
        QCOMPARE(plan.mode, SweepPlan::Mode::Rate);
        QCOMPARE(plan.rates, (QList<double>{2.0, 4.0}));
        QCOMPARE(plan.maxConcurrency, 8);
        QCOMPARE(plan.durationPerLevelS, 7.0);
        QCOMPARE(plan.requestsPerLevel, 0); // the profile's count gave way to the duration
        QCOMPARE(plan.warmupRequests, 1);
        QCOMPARE(plan.seed, quint64(4242));
        QCOMPARE(inv->profile.prompts.inputTokens, 12);
        QCOMPARE(inv->profile.prompts.outputTokens, 34);
        QCOMPARE(inv->profile.budget.limits,
                 (QList<LatencyLimit>{LatencyLimit{LatencyMetric::E2e, LatencyStat::P50, 2000}}));
        QCOMPARE(inv->profile.name, QStringLiteral("full"));

        // And back: a rate profile switched to a closed-loop count by -c and -n.
        Profile rate = profile;
        rate.plan.mode = SweepPlan::Mode::Rate;
        rate.plan.rates = {1.0};
        rate.plan.requestsPerLevel = 0;
        rate.plan.durationPerLevelS = 60;
        const QString ratePath = saveProfile(rate, QStringLiteral("rate.json"));
        const auto closed =
            CliOptions::parseRun({ratePath, QStringLiteral("-c"), QStringLiteral("1..8"),
                                  QStringLiteral("-n"), QStringLiteral("20")},
                                 &error);
        QVERIFY2(closed.has_value(), qPrintable(error));
        QCOMPARE(closed->profile.plan.mode, SweepPlan::Mode::Concurrency);
        QCOMPARE(closed->profile.plan.concurrencies, (QList<int>{1, 2, 4, 8}));
        QCOMPARE(closed->profile.plan.requestsPerLevel, 20);
        QCOMPARE(closed->profile.plan.durationPerLevelS, 0.0);
    }
    void transportChoice() {
        QString error;
        const auto byDefault = CliOptions::parseRun({}, &error);
        QVERIFY2(byDefault.has_value(), qPrintable(error));
        QCOMPARE(byDefault->engine.transport, EngineOptions::Transport::Auto);
        const auto qt =
            CliOptions::parseRun({QStringLiteral("--transport"), QStringLiteral("qt")}, &error);
        QVERIFY2(qt.has_value(), qPrintable(error));
        QCOMPARE(qt->engine.transport, EngineOptions::Transport::Qt);
        QCOMPARE(byDefault->engine.networkThreads, 0); // the engine's choice
        const auto threads =
            CliOptions::parseRun({QStringLiteral("--client-threads"), QStringLiteral("3")}, &error);
        QVERIFY2(threads.has_value(), qPrintable(error));
        QCOMPARE(threads->engine.networkThreads, 3);
    }
    void simUrlShortcut() {
        QString error;
        const auto inv =
            CliOptions::parseRun({QStringLiteral("--url"), QStringLiteral("sim")}, &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QCOMPARE(inv->profile.endpoint().url, QUrl(QStringLiteral("sim:default")));
    }
    void rejects_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        auto row = [](const char* name, QStringList args, const char* mentions) {
            QTest::newRow(name) << args << QString::fromUtf8(mentions);
        };
        row("unknown option", {QStringLiteral("--concurency"), QStringLiteral("4")}, "concurency");
        row("missing value", {QStringLiteral("--concurrency")}, "concurrency");
        row("bad concurrency", {QStringLiteral("--concurrency"), QStringLiteral("four")}, "four");
        row("bad rate", {QStringLiteral("--rate"), QStringLiteral("-1")}, "--rate");
        row("both modes",
            {QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("--rate"),
             QStringLiteral("1")},
            "exclude");
        row("both bounds",
            {QStringLiteral("-n"), QStringLiteral("5"), QStringLiteral("--duration-per-level"),
             QStringLiteral("5")},
            "exclude");
        row("zero requests", {QStringLiteral("--requests-per-level"), QStringLiteral("0")},
            "requests-per-level");
        row("bad api", {QStringLiteral("--api"), QStringLiteral("grpc")}, "grpc");
        row("bad url", {QStringLiteral("--url"), QStringLiteral("ftp://host/x")}, "--url");
        row("url without host", {QStringLiteral("--url"), QStringLiteral("http://")}, "--url");
        row("bad header", {QStringLiteral("--header"), QStringLiteral("NoColon")}, "--header");
        row("credential header",
            {QStringLiteral("--header"), QStringLiteral("authorization: Bearer sk-abc-123")},
            "--api-key-env");
        row("api-key header", {QStringLiteral("-H"), QStringLiteral("API-Key: sk-abc-123")},
            "credential");
        row("bad budget", {QStringLiteral("--budget"), QStringLiteral("fast please")}, "--budget");
        row("two profiles", {QStringLiteral("a.json"), QStringLiteral("b.json")}, "one profile");
        row("missing profile", {QStringLiteral("/nonexistent/dir/p.json")},
            "/nonexistent/dir/p.json");
        row("unknown preset (validator)", {QStringLiteral("--url"), QStringLiteral("sim:")},
            "endpoints[0].url");
        row("azure without version (validator)",
            {QStringLiteral("--url"), QStringLiteral("https://x.example/"), QStringLiteral("--api"),
             QStringLiteral("azure-openai")},
            "api_version");
        row("bad first-token timeout",
            {QStringLiteral("--first-token-timeout"), QStringLiteral("0")}, "first-token-timeout");
        row("bad timeout", {QStringLiteral("--idle-timeout"), QStringLiteral("soon")},
            "idle-timeout");
        row("bad transport", {QStringLiteral("--transport"), QStringLiteral("curl")}, "curl");
        row("no client threads", {QStringLiteral("--client-threads"), QStringLiteral("0")},
            "client-threads");
        // Every count and size has an upper bound, with the reason (the shared table).
        row("too many client threads",
            {QStringLiteral("--client-threads"), QStringLiteral("100000")},
            "--client-threads: \"100000\" must be at most 64");
        row("duration nan", {QStringLiteral("--duration-per-level"), QStringLiteral("nan")},
            "--duration-per-level: \"nan\" is not a number");
        row("duration inf", {QStringLiteral("--duration-per-level"), QStringLiteral("inf")},
            "is not a number");
        row("duration of a month",
            {QStringLiteral("--duration-per-level"), QStringLiteral("2.6e6")}, "604800");
        row("negative seed", {QStringLiteral("--seed"), QStringLiteral("-1")},
            "--seed: \"-1\" must be 0 or more");
        row("huge seed", {QStringLiteral("--seed"), QStringLiteral("99999999999999999999")},
            "too large");
        row("empty level", {QStringLiteral("-c"), QStringLiteral("1,,2")}, "empty item");
        row("concurrency too high", {QStringLiteral("-c"), QStringLiteral("1..100000")},
            "at most 10000");
        row("rate too high", {QStringLiteral("--rate"), QStringLiteral("1000000")},
            "at most 100000");
        row("max concurrency",
            {QStringLiteral("--rate"), QStringLiteral("1"), QStringLiteral("--max-concurrency"),
             QStringLiteral("50000")},
            "--max-concurrency");
        row("output tokens", {QStringLiteral("--output-tokens"), QStringLiteral("5000000")},
            "at most 1000000");
        row("requests", {QStringLiteral("-n"), QStringLiteral("1e7")}, "at most 1000000");
        row("warmup", {QStringLiteral("--warmup"), QStringLiteral("-3")}, "must not be negative");
        row("timeout of a year", {QStringLiteral("--timeout"), QStringLiteral("31536000")},
            "at most 86400");
        row("header with a line break",
            {QStringLiteral("-H"), QStringLiteral("X-Trace: 1\r\nX-Injected: yes")},
            "X-Trace contains a line break");
        row("header with a control character",
            {QStringLiteral("-H"), QStringLiteral("X-Trace: \x1b[0m")}, "control character");
        row("header name", {QStringLiteral("-H"), QStringLiteral("X(T): 1")}, "header name");
        row("unknown preset", {QStringLiteral("--url"), QStringLiteral("sim:nope")},
            "unknown simulator preset \"nope\"");
        row("url credentials and a key",
            {QStringLiteral("--url"), QStringLiteral("http://u:p@127.0.0.1:9/v1"),
             QStringLiteral("--api-key-env"), QStringLiteral("SOME_KEY")},
            "use one of them");
    }
    void boundsAreInclusive() {
        QString error;
        const auto inv =
            CliOptions::parseRun({QStringLiteral("--client-threads"), QStringLiteral("64"),
                                  QStringLiteral("-c"), QStringLiteral("10000"),
                                  QStringLiteral("--seed"), QStringLiteral("18446744073709551615"),
                                  QStringLiteral("--timeout"), QStringLiteral("86400")},
                                 &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QCOMPARE(inv->engine.networkThreads, 64);
        QCOMPARE(inv->profile.plan.concurrencies, QList<int>{10000});
        QCOMPARE(inv->profile.plan.seed, std::numeric_limits<quint64>::max());
    }
    void urlCredentialsAreKeptForTheRun() {
        // Sent as Basic authentication by the run; masked wherever the URL is shown.
        QString error;
        const auto inv = CliOptions::parseRun(
            {QStringLiteral("--url"), QStringLiteral("http://alice:s3cret@127.0.0.1:9/v1?key=K")},
            &error);
        QVERIFY2(inv.has_value(), qPrintable(error));
        QCOMPARE(inv->profile.endpoint().url.password(), QStringLiteral("s3cret"));
    }
    void rejects() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!CliOptions::parseRun(args, &error).has_value());
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("sk-abc")), qPrintable(error));
    }
    void keyIsNeverEchoed() {
        QString error;
        QVERIFY(!CliOptions::parseRun(
            {QStringLiteral("--api-key-env"), QStringLiteral("sk-abc-DEF-123")}, &error));
        QVERIFY(error.contains(QLatin1String("--api-key-env")));
        QVERIFY2(!error.contains(QLatin1String("sk-")), qPrintable(error));
    }
    void defaultJournalPath() {
        RunOutputs outputs;
        outputs.outPath = m_dir.filePath(QStringLiteral("results.json"));
        QCOMPARE(CliOptions::defaultJournalPath(outputs),
                 m_dir.filePath(QStringLiteral("results.journal.jsonl")));
        outputs.outPath.clear();
        const QString path = CliOptions::defaultJournalPath(outputs);
        QVERIFY2(path.endsWith(QLatin1String(".jsonl")) &&
                     path.contains(QLatin1String("plateau-run-")),
                 qPrintable(path));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
