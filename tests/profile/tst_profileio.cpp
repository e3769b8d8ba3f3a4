#include "profile/profileio.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(Profile)

namespace {
// Every field set away from its default, so a field the writer or reader forgets fails.
Profile everyFieldSet() {
    Profile p;
    p.name = QStringLiteral("Full profile ünïcode");
    EndpointConfig a;
    a.name = QStringLiteral("Databricks prod");
    a.flavor = QStringLiteral("databricks");
    a.url = QUrl(
        QStringLiteral("https://adb-1.azuredatabricks.net/serving-endpoints/llama/invocations"));
    a.model = QStringLiteral("llama-70b");
    a.apiKeyRef = QStringLiteral("${env:DATABRICKS_TOKEN}");
    a.apiVersion = QStringLiteral("2024-10-21");
    a.headers = {{QStringLiteral("X-Trace"), QStringLiteral("on")},
                 {QStringLiteral("X-Empty"), QString()}};
    a.extraBody = QJsonObject{{QStringLiteral("temperature"), 0.7},
                              {QStringLiteral("stop"), QJsonArray{QStringLiteral("\n")}}};
    a.verifyTls = false;
    a.useSystemProxy = false;
    a.http2 = true;
    a.forceExactOutput = true;
    a.connectTimeoutS = 3.5;
    a.firstTokenTimeoutS = 45;
    a.idleTimeoutS = 12.25;
    a.totalTimeoutS = 900;
    EndpointConfig b;
    b.apiKeyRef = QStringLiteral("keychain:plateau/azure");
    p.endpoints = {a, b};
    p.activeEndpoint = 1;
    p.plan.mode = SweepPlan::Mode::Rate;
    p.plan.concurrencies = {3, 5, 7};
    p.plan.rates = {0.5, 2, 7.25};
    p.plan.arrival = SweepPlan::Arrival::Gamma;
    p.plan.burstiness = 0.3;
    p.plan.maxConcurrency = 99;
    p.plan.requestsPerLevel = 321;
    p.plan.durationPerLevelS = 12.5;
    p.plan.warmupRequests = 4;
    p.plan.stopAtPlateau = true;
    p.plan.stopWhenBudgetExceeded = true;
    p.plan.maxErrorRate = 0.125;
    p.plan.plateauGainThreshold = 0.08;
    p.plan.seed = 123456789;
    p.prompts.kind = PromptSource::Kind::File;
    p.prompts.inputTokens = 2048;
    p.prompts.outputTokens = 17;
    p.prompts.calibrate = false;
    p.prompts.file = QStringLiteral("/data/prompts.jsonl");
    p.budget.limits = {{LatencyMetric::Tpot, LatencyStat::P50, 50},
                       {LatencyMetric::Itl, LatencyStat::Max, 0.5}};
    return p;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write test file");
    file.write(content);
    return path;
}
} // namespace

class TestProfileIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void minimalFileTakesDefaults();
    void handWrittenFile();
    void loadErrors_data();
    void loadErrors();
    void missingFile();
    void directoryIsNotAProfile();
    void unreadableFile();
    void loadIsCappedWhateverTheFile();
    void batchSizeNumberOrList();
};

void TestProfileIo::roundTrip_data() {
    QTest::addColumn<Profile>("profile");
    QTest::newRow("struct defaults") << Profile{};
    QTest::newRow("defaultProfile") << Profile::defaultProfile();
    QTest::newRow("every field set") << everyFieldSet();
    Profile p = everyFieldSet();
    p.plan.seed = 18446744073709551557ULL; // beyond 2^53: must survive as a string
    QTest::newRow("huge seed") << p;
    p = Profile{};
    p.plan.concurrencies.clear();
    p.budget.limits.clear();
    p.endpoints[0].headers.clear();
    QTest::newRow("empty lists") << p;
    p = Profile{};
    p.endpoints[0].url = QUrl(QStringLiteral("http://[::1]:8080/v1?x=a%20b"));
    p.endpoints[0].name = QString();
    QTest::newRow("ipv6 url, empty name") << p;
    p = Profile{}; // issue 14: the TLS files and a price are read back as written
    p.endpoints[0].caCertFile = QStringLiteral("/etc/corp/ca.pem");
    p.endpoints[0].clientCertFile = QStringLiteral("client.pem");
    p.endpoints[0].clientKeyFile = QStringLiteral("client.key");
    p.endpoints[0].clientKeyPassphraseRef = QStringLiteral("${env:CLIENT_KEY_PASS}");
    p.endpoints[0].price.perHour = 12.5;
    QTest::newRow("tls files, hourly price") << p;
    p = Profile{};
    p.endpoints[0].price.inputPerMtok = 0.5;
    p.endpoints[0].price.outputPerMtok = 1.5;
    p.endpoints[0].price.currency = QStringLiteral("EUR");
    QTest::newRow("per-token price") << p;
    p = Profile{}; // issue 14: one batch size, and a list to sweep
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {8};
    QTest::newRow("batch size") << p;
    p.prompts.batchSizes = {1, 8, 32};
    QTest::newRow("batch sizes") << p;
}

void TestProfileIo::roundTrip() {
    QFETCH(Profile, profile);
    QString error;
    const std::optional<Profile> back = ProfileIo::fromJson(ProfileIo::toJson(profile), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(ProfileIo::toJson(*back), ProfileIo::toJson(profile));
    QVERIFY(*back == profile);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QVERIFY2(ProfileIo::save(profile, path, &error), qPrintable(error));
    const std::optional<Profile> loaded = ProfileIo::load(path, &error);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QVERIFY(*loaded == profile);
}

// Issue 14: prompts.batch_size is a number (as older builds wrote it) or a list; one size is
// written as a number, so an older build still reads a profile that sweeps nothing.
void TestProfileIo::batchSizeNumberOrList() {
    const QJsonObject head{{QStringLiteral("schema"), QStringLiteral("plateau.profile/1")}};
    auto withBatch = [&head](const QJsonValue& value) {
        QJsonObject o = head;
        o.insert(QStringLiteral("prompts"), QJsonObject{{QStringLiteral("batch_size"), value}});
        return o;
    };
    QString error;
    std::optional<Profile> p = ProfileIo::fromJson(withBatch(16), &error);
    QVERIFY2(p.has_value(), qPrintable(error));
    QCOMPARE(p->prompts.batchSizes, (QList<int>{16}));
    p = ProfileIo::fromJson(withBatch(QJsonArray{1, 8, 32}), &error);
    QVERIFY2(p.has_value(), qPrintable(error));
    QCOMPARE(p->prompts.batchSizes, (QList<int>{1, 8, 32}));
    QCOMPARE(ProfileIo::toJson(*p)
                 .value(QStringLiteral("prompts"))
                 .toObject()
                 .value(QStringLiteral("batch_size"))
                 .toArray(),
             (QJsonArray{1, 8, 32}));
    p->prompts.batchSizes = {16};
    QCOMPARE(ProfileIo::toJson(*p)
                 .value(QStringLiteral("prompts"))
                 .toObject()
                 .value(QStringLiteral("batch_size")),
             QJsonValue(16));
    p->prompts.batchSizes = {1};
    QVERIFY(!ProfileIo::toJson(*p)
                 .value(QStringLiteral("prompts"))
                 .toObject()
                 .contains(QStringLiteral("batch_size")));
    QVERIFY(!ProfileIo::fromJson(withBatch(QJsonArray{1, QStringLiteral("8")}), &error));
    QVERIFY2(error.contains(QStringLiteral("prompts.batch_size[1]")), qPrintable(error));
    QVERIFY(!ProfileIo::fromJson(withBatch(QStringLiteral("8")), &error));
    QVERIFY2(error.contains(QStringLiteral("prompts.batch_size")), qPrintable(error));
}

void TestProfileIo::minimalFileTakesDefaults() {
    QString error;
    const auto p = ProfileIo::fromJson(
        QJsonObject{{QStringLiteral("schema"), QStringLiteral("plateau.profile/1")}}, &error);
    QVERIFY2(p.has_value(), qPrintable(error));
    QVERIFY(*p == Profile{});
}

void TestProfileIo::handWrittenFile() {
    QString error;
    const auto p =
        ProfileIo::load(QStringLiteral(PLATEAU_TEST_DATA_DIR "/handwritten.json"), &error);
    QVERIFY2(p.has_value(), qPrintable(error));
    QCOMPARE(p->name, QStringLiteral("vLLM on the lab box"));
    QCOMPARE(p->endpoints.size(), 1);
    const EndpointConfig& e = p->endpoint();
    QCOMPARE(e.name, QStringLiteral("10.0.0.5")); // named after its host when unnamed
    QCOMPARE(e.flavor, QStringLiteral("openai-chat"));
    QCOMPARE(e.apiKeyRef, QStringLiteral("${env:VLLM_KEY}"));
    QCOMPARE(e.headers.size(), 1);
    QCOMPARE(e.extraBody.value(QStringLiteral("ignore_eos")).toBool(), true);
    QCOMPARE(e.idleTimeoutS, 30.0);
    QCOMPARE(e.connectTimeoutS, EndpointConfig{}.connectTimeoutS);
    QCOMPARE(p->plan.concurrencies, (QList<int>{1, 4, 16, 64}));
    QCOMPARE(p->plan.requestsPerLevel, 200);
    QCOMPARE(p->plan.durationPerLevelS, 0.0);
    QCOMPARE(p->prompts.inputTokens, 1024);
    QCOMPARE(p->budget.limits.size(), 1);
    QCOMPARE(p->budget.limits.at(0).metric, LatencyMetric::Ttft);
    QCOMPARE(p->budget.limits.at(0).maxMs, 800.0);
}

void TestProfileIo::loadErrors_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    const QByteArray head = R"({"schema":"plateau.profile/1",)";
    QTest::newRow("corrupt JSON") << QByteArray(R"({"schema": "plateau.profile/1", "name": })")
                                  << QStringLiteral(
                                         "not valid JSON at offset 41 (line 1, column 42)");
    QTest::newRow("truncated") << QByteArray(
                                      "{\n  \"schema\": \"plateau.profile/1\",\n  \"plan\": {")
                               << QStringLiteral("not valid JSON at offset");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not a Plateau profile");
    QTest::newRow("missing schema")
        << QByteArray(R"({"name":"x"})") << QStringLiteral("missing field 'schema'");
    QTest::newRow("schema not a string")
        << QByteArray(R"({"schema":1})") << QStringLiteral("field 'schema' must be a string");
    QTest::newRow("other schema") << QByteArray(R"({"schema":"plateau.results/1"})")
                                  << QStringLiteral(
                                         "not a Plateau profile (schema \"plateau.results/1\"");
    QTest::newRow("newer schema")
        << QByteArray(R"({"schema":"plateau.profile/3"})")
        << QStringLiteral("was written by a newer Plateau (plateau.profile/3); this build reads "
                          "plateau.profile/2");
    QTest::newRow("schema with newline")
        << QByteArray(R"({"schema":"plateau.profile/2\n"})")
        << QStringLiteral("not a Plateau profile (schema \"plateau.profile/2\\n\"");
    QTest::newRow("older schema") << QByteArray(R"({"schema":"plateau.profile/0"})")
                                  << QStringLiteral("unsupported schema plateau.profile/0");
    QTest::newRow("unknown top field")
        << head + R"("nmae":"x"})" << QStringLiteral("unknown field 'nmae'");
    QTest::newRow("control chars in key")
        << head + R"("na\nme\u0001":1})" << QStringLiteral("unknown field 'na\\nme\\u0001'");
    QTest::newRow("long key is cut")
        << head + "\"" + QByteArray(500, 'k') + "\":1}" << QStringLiteral("kkkk...'");
    QTest::newRow("unknown plan field") << head + R"("plan":{"concurency":[1]}})"
                                        << QStringLiteral("unknown field 'plan.concurency'");
    QTest::newRow("unknown nested field")
        << head + R"("endpoints":[{},{"timeouts":{"conect_s":1}}]})"
        << QStringLiteral("unknown field 'endpoints[1].timeouts.conect_s'");
    QTest::newRow("unknown limit field")
        << head + R"("budget":{"limits":[{"max_ms":5,"metrc":"ttft"}]}})"
        << QStringLiteral("unknown field 'budget.limits[0].metrc'");
    QTest::newRow("string for int")
        << head + R"("plan":{"concurrencies":[1,"4"]}})"
        << QStringLiteral("field 'plan.concurrencies[1]' must be an integer, got \"4\"");
    QTest::newRow("fraction for int")
        << head + R"("plan":{"warmup_requests":1.5}})"
        << QStringLiteral("field 'plan.warmup_requests' must be an integer, got 1.5");
    QTest::newRow("string for bool")
        << head + R"("endpoints":[{"verify_tls":"yes"}]})"
        << QStringLiteral("field 'endpoints[0].verify_tls' must be true or false, got a string");
    QTest::newRow("number for string")
        << head + R"("name":5})" << QStringLiteral("field 'name' must be a string, got a number");
    QTest::newRow("object for array")
        << head + R"("plan":{"rates":{}}})"
        << QStringLiteral("field 'plan.rates' must be an array, got an object");
    QTest::newRow("array for object")
        << head + R"("plan":[]})" << QStringLiteral("field 'plan' must be an object, got an array");
    QTest::newRow("null for number")
        << head + R"("endpoints":[{"timeouts":{"idle_s":null}}]})"
        << QStringLiteral("field 'endpoints[0].timeouts.idle_s' must be a number, got null");
    QTest::newRow("extra_body not object")
        << head + R"("endpoints":[{"extra_body":"t=1"}]})"
        << QStringLiteral("field 'endpoints[0].extra_body' must be an object");
    QTest::newRow("bad enum")
        << head + R"("plan":{"mode":"conc"}})"
        << QStringLiteral("field 'plan.mode' must be one of concurrency, rate; got \"conc\"");
    QTest::newRow("bad arrival") << head + R"("plan":{"arrival":"uniform"}})"
                                 << QStringLiteral(
                                        "field 'plan.arrival' must be one of poisson, gamma");
    QTest::newRow("bad prompt kind")
        << head + R"("prompts":{"kind":3}})"
        << QStringLiteral("field 'prompts.kind' must be one of synthetic, file; got 3");
    QTest::newRow("zero concurrency")
        << head + R"("plan":{"concurrencies":[0]}})"
        << QStringLiteral("field 'plan.concurrencies[0]' must be between 1 and 1000000, got 0");
    QTest::newRow("error rate above 1")
        << head + R"("plan":{"max_error_rate":1.5}})"
        << QStringLiteral("field 'plan.max_error_rate' must be between 0 and 1, got 1.5");
    QTest::newRow("negative timeout")
        << head + R"("endpoints":[{"timeouts":{"total_s":-1}}]})"
        << QStringLiteral(
               "field 'endpoints[0].timeouts.total_s' must be between 0 and 10000000, got -1");
    QTest::newRow("negative rate") << head + R"("plan":{"rates":[1,-2]}})"
                                   << QStringLiteral("field 'plan.rates[1]' must be between 0 and");
    QTest::newRow("negative max_ms")
        << head + R"("budget":{"limits":[{"max_ms":-5}]}})"
        << QStringLiteral("field 'budget.limits[0].max_ms' must be at least 0, got -5");
    QTest::newRow("huge int")
        << head + R"("plan":{"requests_per_level":1e12}})"
        << QStringLiteral("field 'plan.requests_per_level' must be between 0 and 2147483647");
    QTest::newRow("negative seed")
        << head + R"("plan":{"seed":-1}})"
        << QStringLiteral("field 'plan.seed' must be a non-negative integer, got -1");
    QTest::newRow("active endpoint out of range")
        << head + R"("active_endpoint":1})"
        << QStringLiteral("field 'active_endpoint' must be between 0 and 0, got 1");
    QTest::newRow("no endpoints") << head + R"("endpoints":[]})"
                                  << QStringLiteral(
                                         "field 'endpoints' must hold at least one endpoint");
    QTest::newRow("endpoint not object")
        << head + R"("endpoints":["http://x"]})"
        << QStringLiteral("field 'endpoints[0]' must be an object, got a string");
    QTest::newRow("header without value")
        << head + R"("endpoints":[{"headers":[{"name":"X"}]}]})"
        << QStringLiteral("missing field 'endpoints[0].headers[0].value'");
    QTest::newRow("limit without max_ms")
        << head + R"("budget":{"limits":[{"metric":"ttft"}]}})"
        << QStringLiteral("missing field 'budget.limits[0].max_ms'");
    QTest::newRow("limit on an unknown metric")
        << head + R"("budget":{"limits":[{"metric":"latency","max_ms":5}]}})"
        << QStringLiteral("field 'budget.limits[0].metric' must be one of ttft, tpot, e2e, itl; "
                          "got \"latency\"");
    QTest::newRow("limit on a median")
        << head + R"("budget":{"limits":[{"stat":"median","max_ms":5}]}})"
        << QStringLiteral("field 'budget.limits[0].stat' must be one of mean, p50, p90, p95, "
                          "p99, max; got \"median\"");
    QTest::newRow("invalid url") << head + R"("endpoints":[{"url":"http://exa mple.com/"}]})"
                                 << QStringLiteral("field 'endpoints[0].url' is not a valid URL");
    QTest::newRow("literal key") << head + R"("endpoints":[{"api_key":"sk-proj-abcdef123456"}]})"
                                 << QStringLiteral(
                                        "field 'endpoints[0].api_key' holds a literal key");
    QTest::newRow("literal passphrase")
        << head + R"("endpoints":[{"client_key_passphrase":"hunter2"}]})"
        << QStringLiteral("field 'endpoints[0].client_key_passphrase' must name where the "
                          "passphrase lives");
    QTest::newRow("both prices")
        << head + R"("endpoints":[{"price":{"per_hour":3,"output_per_mtok":1}}]})"
        << QStringLiteral("field 'endpoints[0].price.per_hour' and a per-token price are both "
                          "set");
    QTest::newRow("price out of bounds") << head + R"("endpoints":[{"price":{"per_hour":1e9}}]})"
                                         << QStringLiteral("endpoints[0].price.per_hour");
    QTest::newRow("bad currency") << head + R"("endpoints":[{"price":{"currency":"dollars"}}]})"
                                  << QStringLiteral("field 'endpoints[0].price.currency' must be "
                                                    "a three-letter currency code");
    QTest::newRow("unknown price field") << head + R"("endpoints":[{"price":{"per_day":3}}]})"
                                         << QStringLiteral("endpoints[0].price.per_day");
    QTest::newRow("malformed env ref")
        << head + R"("endpoints":[{"api_key":"${env:MY KEY}"}]})"
        << QStringLiteral("field 'endpoints[0].api_key' holds a literal key");
}

void TestProfileIo::loadErrors() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("bad.json"), content);
    QString error;
    QVERIFY(!ProfileIo::load(path, &error).has_value());
    QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), "errors are one line");
    // Never echo what might be a secret.
    QVERIFY2(!error.contains(QStringLiteral("sk-proj")), qPrintable(error));
}

void TestProfileIo::missingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope.json"));
    QString error;
    QVERIFY(!ProfileIo::load(path, &error).has_value());
    QCOMPARE(error, path + QStringLiteral(": no such file"));
}

void TestProfileIo::directoryIsNotAProfile() {
    QTemporaryDir dir;
    QString error;
    QVERIFY(!ProfileIo::load(dir.path(), &error).has_value());
    QCOMPARE(error, dir.path() + QStringLiteral(": is a directory, not a profile"));
}

void TestProfileIo::unreadableFile() {
    QTemporaryDir dir;
    const QString path =
        writeFile(dir, QStringLiteral("locked.json"), ProfileIo::toBytes(Profile{}));
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions{}));
    QFile probe(path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running as root: permissions do not stop reads here");
    QString error;
    QVERIFY(!ProfileIo::load(path, &error).has_value());
    QVERIFY2(error.startsWith(path + QStringLiteral(": cannot read: ")), qPrintable(error));
}

void TestProfileIo::loadIsCappedWhateverTheFile() {
    // Before, the 16 MiB cap held for regular files only: /dev/zero was read forever.
    QString error;
    QVERIFY(!ProfileIo::load(QStringLiteral("/dev/zero"), &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("/dev/zero: is larger than the 16 MiB a profile may "
                                             "have (it is a device or a pipe")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestProfileIo)
#include "tst_profileio.moc"
