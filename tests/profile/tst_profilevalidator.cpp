#include "profile/profilevalidator.h"

#include <QTemporaryFile>
#include <QTest>
#include <limits>

Q_DECLARE_METATYPE(Profile)

namespace {
QStringList fieldsOf(const QList<ValidationIssue>& issues) {
    QStringList fields;
    for (const ValidationIssue& issue : issues)
        fields.append(issue.field);
    return fields;
}

Profile withEndpoint(const QString& flavor, const QString& url, const QString& model) {
    Profile p = Profile::defaultProfile();
    p.endpoints[0].flavor = flavor;
    p.endpoints[0].url = QUrl(url);
    p.endpoints[0].model = model;
    return p;
}
} // namespace

class TestProfileValidator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validProfiles_data();
    void validProfiles();
    void issues_data();
    void issues();
    void filePromptMustExist();
    void summaryJoinsIssues();
};

void TestProfileValidator::validProfiles_data() {
    QTest::addColumn<Profile>("profile");
    QTest::newRow("default") << Profile::defaultProfile();
    QTest::newRow("struct defaults") << Profile{};
    QTest::newRow("openai https") << withEndpoint(QStringLiteral("openai-chat"),
                                                  QStringLiteral("https://api.openai.com/v1"),
                                                  QStringLiteral("gpt-4o-mini"));
    QTest::newRow("completions http")
        << withEndpoint(QStringLiteral("openai-completions"),
                        QStringLiteral("http://127.0.0.1:8000/v1"), QStringLiteral("m"));
    QTest::newRow("databricks model in url") << withEndpoint(
        QStringLiteral("databricks"),
        QStringLiteral("https://adb.net/serving-endpoints/llama/invocations"), QString());
    QTest::newRow("databricks base url with model") << withEndpoint(
        QStringLiteral("databricks"), QStringLiteral("https://adb.net/serving-endpoints"),
        QStringLiteral("llama"));
    Profile azure = withEndpoint(
        QStringLiteral("azure-openai"),
        QStringLiteral("https://x.openai.azure.com/openai/deployments/gpt4"), QString());
    azure.endpoints[0].apiVersion = QStringLiteral("2024-10-21");
    azure.endpoints[0].apiKeyRef = QStringLiteral("${env:AZURE_KEY}");
    QTest::newRow("azure deployment in url") << azure;
    Profile rate = Profile::defaultProfile();
    rate.plan.mode = SweepPlan::Mode::Rate;
    rate.plan.rates = {0.5, 1, 2};
    rate.plan.concurrencies.clear(); // not used in rate mode
    QTest::newRow("rate mode") << rate;
    Profile slashes = Profile::defaultProfile();
    slashes.endpoints[0].url = QUrl(QStringLiteral("sim://small-fast")); // a URL habit
    QTest::newRow("sim://PRESET") << slashes;
    Profile unsorted = Profile::defaultProfile();
    unsorted.plan.concurrencies = {8, 2, 4};
    QTest::newRow("levels need not ascend") << unsorted;
    Profile byCount = Profile::defaultProfile();
    byCount.plan.durationPerLevelS = 0;
    // At least as many as the largest level (128): fewer could never fill it (PlanReach).
    byCount.plan.requestsPerLevel = 200;
    QTest::newRow("requests per level") << byCount;
    Profile credentials = Profile::defaultProfile();
    credentials.endpoints[0].url = QUrl(QStringLiteral("https://u:p@api.example/v1?api-key=K"));
    QTest::newRow("url credentials alone") << credentials;
    Profile biggest = Profile::defaultProfile();
    biggest.plan.concurrencies = {10000};
    biggest.plan.durationPerLevelS = 7 * 86400;
    QTest::newRow("largest allowed") << biggest;
    Profile grid = Profile::defaultProfile(); // issue 14: 8 levels x 3 batch sizes
    grid.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    grid.prompts.batchSizes = {1, 8, 2048};
    QTest::newRow("batch-size grid") << grid;
    grid.plan.concurrencies = {1, 2, 4, 8};
    grid.prompts.batchSizes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    QTest::newRow("largest batch grid") << grid;
}

void TestProfileValidator::validProfiles() {
    QFETCH(Profile, profile);
    const QList<ValidationIssue> issues = ProfileValidator::validate(profile);
    QVERIFY2(issues.isEmpty(), qPrintable(ProfileValidator::summary(issues)));
}

void TestProfileValidator::issues_data() {
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    Profile p;
    auto row = [&](const char* name, const char* field, const char* message) {
        QTest::newRow(name) << p << QString::fromUtf8(field) << QString::fromUtf8(message);
        p = Profile::defaultProfile();
    };
    p = Profile::defaultProfile();
    p.endpoints[0].url = QUrl(QStringLiteral("ftp://host/v1"));
    row("ftp url", "endpoints[0].url", "must be an http(s) URL or sim:PRESET");
    p.endpoints[0].url = QUrl();
    row("empty url", "endpoints[0].url", "is empty");
    p.endpoints[0].url = QUrl(QStringLiteral("http:///v1"));
    row("no host", "endpoints[0].url", "has no host");
    p.endpoints[0].url = QUrl(QStringLiteral("sim:"));
    row("sim without preset", "endpoints[0].url", "names no simulator preset");
    p.endpoints[0].flavor = QStringLiteral("grpc");
    row("unknown flavor", "endpoints[0].flavor", "unknown API flavor");
    p.endpoints[0].model = QStringLiteral("  ");
    row("blank model", "endpoints[0].model", "is empty");
    p = withEndpoint(QStringLiteral("databricks"),
                     QStringLiteral("https://adb.net/serving-endpoints"), QString());
    row("databricks base url needs model", "endpoints[0].model", "is empty");
    p = withEndpoint(QStringLiteral("azure-openai"),
                     QStringLiteral("https://x.openai.azure.com/openai/deployments/gpt4"),
                     QString());
    row("azure needs api_version", "endpoints[0].api_version", "api-version");
    p.endpoints[0].apiKeyRef = QStringLiteral("sk-literal");
    row("literal key", "endpoints[0].api_key", "never hold it");
    p.endpoints[0].headers = {{QStringLiteral("Bad Header"), QStringLiteral("v")}};
    row("bad header name", "endpoints[0].headers[0].name", "not a valid HTTP header name");
    p.endpoints[0].headers = {{QStringLiteral("X-Trace"), QStringLiteral("1")},
                              {QStringLiteral("Authorization"), QStringLiteral("Bearer sk-1")}};
    row("credential header", "endpoints[0].headers[1].name", "carries a secret");
    p.endpoints[0].connectTimeoutS = 0;
    row("connect timeout", "endpoints[0].timeouts.connect_s", "must be greater than 0");
    p.endpoints[0].firstTokenTimeoutS = -1;
    row("first token timeout", "endpoints[0].timeouts.first_token_s", "must be greater than 0");
    p.endpoints[0].idleTimeoutS = 0;
    row("idle timeout", "endpoints[0].timeouts.idle_s", "must be greater than 0");
    p.endpoints[0].totalTimeoutS = 0;
    row("total timeout", "endpoints[0].timeouts.total_s", "must be greater than 0");
    p.endpoints.append(EndpointConfig{});
    p.endpoints[1].model.clear();
    row("second endpoint checked too", "endpoints[1].model", "is empty");
    p.endpoints.clear();
    row("no endpoints", "endpoints", "needs at least one endpoint");
    p.activeEndpoint = 2;
    row("active endpoint", "active_endpoint", "names no endpoint");
    p.plan.concurrencies.clear();
    row("no levels", "plan.concurrencies", "needs at least one level");
    p.plan.concurrencies = {1, 0, 4};
    row("zero level", "plan.concurrencies[1]", "must be greater than 0");
    p.plan.mode = SweepPlan::Mode::Rate;
    row("rate mode without rates", "plan.rates", "needs at least one level");
    p.plan.mode = SweepPlan::Mode::Rate;
    p.plan.rates = {1, -2};
    row("negative rate", "plan.rates[1]", "must be greater than 0");
    p.plan.mode = SweepPlan::Mode::Rate;
    p.plan.rates = {1};
    p.plan.burstiness = 0;
    row("zero burstiness", "plan.burstiness", "must be greater than 0");
    p.plan.durationPerLevelS = 0;
    p.plan.requestsPerLevel = 0;
    row("neither duration nor count", "plan.duration_per_level_s", "greater than 0");
    p.plan.requestsPerLevel = -3;
    row("negative count", "plan.requests_per_level", "must not be negative");
    p.plan.warmupRequests = -1;
    row("negative warmup", "plan.warmup_requests", "must not be negative");
    p.plan.maxErrorRate = 1.5;
    row("error rate", "plan.max_error_rate", "between 0 and 1");
    p.plan.plateauGainThreshold = -0.1;
    row("gain threshold", "plan.plateau_gain_threshold", "must not be negative");
    p.prompts.inputTokens = 0;
    row("input tokens", "prompts.input_tokens", "must be greater than 0");
    p.prompts.outputTokens = -5;
    row("output tokens", "prompts.output_tokens", "must be greater than 0");
    p.prompts.kind = PromptSource::Kind::File;
    row("file prompts without file", "prompts.file", "choose a JSONL prompt file");
    p.prompts.kind = PromptSource::Kind::File;
    p.prompts.file = QStringLiteral("/nonexistent/plateau/prompts.jsonl");
    row("missing prompt file", "prompts.file", "no such file");
    p.prompts.kind = PromptSource::Kind::File;
    p.prompts.file = QStringLiteral("/");
    row("prompt file is a directory", "prompts.file", "is not a readable file");
    // Names no metric has are refused by the JSON reader (tst_profileio); set in code, a
    // metric or a statistic a budget cannot limit is the validator's.
    p.budget.limits = {{LatencyMetric::Queue, LatencyStat::P95, 5}};
    row("budget metric", "budget.limits[0].metric", "must be one of ttft, tpot, e2e, itl");
    p.budget.limits = {{LatencyMetric::Ttft, LatencyStat::P95, 5},
                       {LatencyMetric::E2e, LatencyStat::Min, 5}};
    row("budget stat", "budget.limits[1].stat", "must be one of mean, p50");
    p.budget.limits = {{LatencyMetric::Ttft, LatencyStat::P95, 0}};
    row("budget max", "budget.limits[0].max_ms", "must be greater than 0");
    // The bounds the command line applies too (InputLimits): one table for both.
    p.plan.concurrencies = {1, 20000};
    row("concurrency bound", "plan.concurrencies[1]", "must be at most 10000");
    p.plan.concurrencies = QList<int>(65, 1);
    row("level count", "plan.concurrencies", "at most 64");
    p.plan.durationPerLevelS = std::numeric_limits<double>::quiet_NaN();
    row("duration nan", "plan.duration_per_level_s", "is not a number");
    p.plan.requestsPerLevel = 5000000;
    row("requests bound", "plan.requests_per_level", "must be at most 1000000");
    p.prompts.outputTokens = 2000000;
    row("output tokens bound", "prompts.output_tokens", "must be at most 1000000");
    p.endpoints[0].idleTimeoutS = 1e9;
    row("timeout bound", "endpoints[0].timeouts.idle_s", "must be at most 86400");
    p.endpoints[0].headers = {{QStringLiteral("X-Trace"), QStringLiteral("1\r\nX-Injected: 1")}};
    row("header injection", "endpoints[0].headers[0].value",
        "the value of header \"X-Trace\" contains a line break");
    p.endpoints[0].headers = {{QStringLiteral("X-Trace"), QString(9000, QLatin1Char('a'))}};
    row("header size", "endpoints[0].headers[0].value", "at most 8192");
    for (int i = 0; i < 101; ++i)
        p.endpoints[0].headers.append({QStringLiteral("X-H%1").arg(i), QStringLiteral("v")});
    row("header count", "endpoints[0].headers", "at most 100");
    p.endpoints[0].url = QUrl(QStringLiteral("sim:nope"));
    row("unknown preset", "endpoints[0].url", "unknown simulator preset \"nope\"");
    p.endpoints[0].url = QUrl(QStringLiteral("http://u:p@127.0.0.1:8000/v1"));
    p.endpoints[0].apiKeyRef = QStringLiteral("${env:KEY}");
    row("url credentials and a key", "endpoints[0].url", "use one of them");
    // Issue 14: batch sizes, one or a list to sweep (embeddings only).
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {2049};
    row("batch size above 2048", "prompts.batch_size", "must be at most 2048");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {1, 0};
    row("batch size zero", "prompts.batch_size[1]", "must be at least 1");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {};
    row("no batch size", "prompts.batch_size", "needs at least one batch size");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {8, 8};
    row("batch size twice", "prompts.batch_size[1]", "8 is listed twice");
    p.prompts.batchSizes = {1, 8};
    row("batch list on chat", "prompts.batch_size", "needs --api openai-embeddings");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.plan.concurrencies = {1}; // 17 levels: only the count of sizes is too many
    p.prompts.batchSizes.clear();
    for (int i = 1; i <= 17; ++i)
        p.prompts.batchSizes.append(i);
    row("too many batch sizes", "prompts.batch_size", "at most 16");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.plan.concurrencies = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    p.prompts.batchSizes = {1, 2, 4, 8, 16, 32, 64, 128};
    row("grid too large", "prompts.batch_size", "8 batch sizes × 9 levels make 72 levels");
    p.endpoints[0].flavor = QStringLiteral("openai-embeddings");
    p.prompts.batchSizes = {1, 8};
    p.plan.stopAtPlateau = true;
    row("grid and a stop rule", "prompts.batch_size", "cannot be combined with a stop rule");
}

void TestProfileValidator::issues() {
    QFETCH(Profile, profile);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QList<ValidationIssue> issues = ProfileValidator::validate(profile);
    QVERIFY2(fieldsOf(issues).contains(field), qPrintable(ProfileValidator::summary(issues)));
    for (const ValidationIssue& issue : issues) {
        if (issue.field == field)
            QVERIFY2(issue.message.contains(message), qPrintable(issue.message));
    }
}

void TestProfileValidator::filePromptMustExist() {
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("\"hello\"\n");
    file.flush();
    Profile p = Profile::defaultProfile();
    p.prompts.kind = PromptSource::Kind::File;
    p.prompts.file = file.fileName();
    QVERIFY(ProfileValidator::validate(p).isEmpty());
}

void TestProfileValidator::summaryJoinsIssues() {
    const QList<ValidationIssue> issues{{QStringLiteral("a"), QStringLiteral("x")},
                                        {QStringLiteral("b.c"), QStringLiteral("y")}};
    QCOMPARE(ProfileValidator::summary(issues), QStringLiteral("a: x; b.c: y"));
}

QTEST_GUILESS_MAIN(TestProfileValidator)
#include "tst_profilevalidator.moc"
