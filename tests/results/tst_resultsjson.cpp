#include "resultfixtures.h"
#include "results/recordjson.h"
#include "results/resultsjson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeFile(const QTemporaryDir& dir, const QByteArray& data) {
    const QString path = dir.filePath(QStringLiteral("r.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write");
    file.write(data);
    return path;
}
} // namespace

class TestResultsJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void documentShape();
    void roundTripIsExact();
    void fileRoundTrip();
    void fileIsOneRequestPerLine();
    void missingVerdictsAreRecomputed();
    void noSecretInTheFile();
    void loadErrors_data();
    void loadErrors();
    void failedSaveKeepsOldFile();
    void calibrationRoundTrip();
    void journalStatusRoundTrip();
    void onlyARegularFileIsReplaced();
    void loadIsCappedWhateverTheFile();
};

void TestResultsJson::documentShape() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject o = ResultsJson::toJson(run);
    QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("plateau.results/1"));
    QCOMPARE(o.value(QStringLiteral("tool_version")).toString(), QStringLiteral(PLATEAU_VERSION));
    QCOMPARE(o.value(QStringLiteral("started_at")).toString(),
             QStringLiteral("2025-03-04T05:06:07.089Z"));
    QCOMPARE(o.value(QStringLiteral("endpoint_url")).toString(), run.endpointUrl);
    QCOMPARE(o.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("completed"));
    QCOMPARE(o.value(QStringLiteral("cancelled")).toBool(), false);
    QCOMPARE(
        o.value(QStringLiteral("profile")).toObject().value(QStringLiteral("schema")).toString(),
        QStringLiteral("plateau.profile/2"));
    QVERIFY(o.value(QStringLiteral("plateau")).isObject());
    QVERIFY(o.value(QStringLiteral("best_in_budget")).isObject());
    const QJsonArray levels = o.value(QStringLiteral("levels")).toArray();
    QCOMPARE(levels.size(), 2);
    const QJsonObject runInfo =
        levels.at(1).toObject().value(QStringLiteral("run_info")).toObject();
    QCOMPARE(runInfo.value(QStringLiteral("start_ms")).toDouble(), 420.0);
    QCOMPARE(runInfo.value(QStringLiteral("issue_stop_ms")).toDouble(), 800.0);
    QCOMPARE(runInfo.value(QStringLiteral("concurrency")).toInt(), 2);
    const QJsonArray requests = o.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), run.records.size());
    QCOMPARE(requests.at(1).toObject().value(QStringLiteral("t_send_ms")).toDouble(), 90.0);
    QCOMPARE(requests.at(1).toObject().value(QStringLiteral("level")).toInt(), 0);
    QVERIFY(!o.contains(QStringLiteral("calibration"))); // none attempted: no object
}

void TestResultsJson::roundTripIsExact() {
    // Times in the file are relative, so a re-read run writes the very same document.
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject json = ResultsJson::toJson(run);
    QString error;
    const std::optional<RunResult> back = ResultsJson::fromJson(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->runStartNs, ResultsJson::loadedRunStartNs);
    QCOMPARE(back->records.size(), run.records.size());
    for (qsizetype i = 0; i < run.records.size(); ++i) {
        const RequestRecord& a = run.records.at(i);
        const RequestRecord& b = back->records.at(i);
        QCOMPARE(b.tSendNs - back->runStartNs, a.tSendNs - run.runStartNs);
        QCOMPARE(b.tSchedNs - back->runStartNs, a.tSchedNs - run.runStartNs);
        QCOMPARE(b.tEndNs - back->runStartNs, a.tEndNs - run.runStartNs);
        QCOMPARE(b.ttftMs(), a.ttftMs());
        QCOMPARE(b.itlMs(), a.itlMs());
        QCOMPARE(b.error, a.error);
    }
    QCOMPARE(back->levels.size(), 2);
    QCOMPARE(back->levels.at(1).startNs - back->runStartNs,
             run.levels.at(1).startNs - run.runStartNs);
    QCOMPARE(back->summary.levels.size(), 2);
    QCOMPARE(back->summary.levels.at(1).label(), run.summary.levels.at(1).label());
    QVERIFY(back->profile == run.profile);
    QCOMPARE(back->startedAt, run.startedAt);
    const QJsonObject again = ResultsJson::toJson(*back);
    const QJsonArray ra = again.value(QStringLiteral("requests")).toArray();
    const QJsonArray rj = json.value(QStringLiteral("requests")).toArray();
    for (qsizetype i = 0; i < rj.size(); ++i) {
        for (const QString& key : rj.at(i).toObject().keys())
            QVERIFY2(ra.at(i).toObject().value(key) == rj.at(i).toObject().value(key),
                     qPrintable(
                         key + QString::number(i) + QLatin1Char(' ') +
                         QString::fromUtf8(QJsonDocument(QJsonArray{ra.at(i).toObject().value(key),
                                                                    rj.at(i).toObject().value(key)})
                                               .toJson(QJsonDocument::Compact))));
    }
    for (const QString& key : json.keys())
        QVERIFY2(again.value(key) == json.value(key), qPrintable(key));
    QCOMPARE(again, json);
}

void TestResultsJson::fileRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("results.json"));
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    QString error;
    QVERIFY2(ResultsJson::save(run, path, &error), qPrintable(error));
    const std::optional<RunResult> back = ResultsJson::load(path, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(ResultsJson::toJson(*back), ResultsJson::toJson(run));
}

void TestResultsJson::fileIsOneRequestPerLine() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QByteArray bytes = ResultsJson::toBytes(run);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(document.object(), ResultsJson::toJson(run));
    QVERIFY(bytes.startsWith("{\n  \"schema\": \"plateau.results/1\",\n"));
    // Header fields + one line per level and per request + brackets: not one line per value.
    const qsizetype lines = bytes.count('\n');
    QVERIFY2(lines < 40 + run.records.size() + run.summary.levels.size(),
             QByteArray::number(lines));
    // Each request starts a line, with its alphabetically first key.
    QStringList keys = RecordJson::resultsFields();
    keys.sort();
    const QByteArray lineStart = "\n    {\"" + keys.first().toUtf8() + "\"";
    QCOMPARE(bytes.count(lineStart), run.records.size());
}

void TestResultsJson::missingVerdictsAreRecomputed() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    QJsonObject json = ResultsJson::toJson(run);
    json.remove(QStringLiteral("plateau"));
    json.remove(QStringLiteral("best_in_budget"));
    QString error;
    const auto back = ResultsJson::fromJson(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->summary.plateau.toJson(), run.summary.plateau.toJson());
    QCOMPARE(back->summary.budget.toJson(), run.summary.budget.toJson());
}

void TestResultsJson::noSecretInTheFile() {
    RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    run.profile.endpoints[0].apiKeyRef = QStringLiteral("sk-live-should-never-be-written");
    QVERIFY(!ResultsJson::toBytes(run).contains("sk-live"));
    run.profile.endpoints[0].apiKeyRef = QStringLiteral("${env:OPENAI_API_KEY}");
    QVERIFY(ResultsJson::toBytes(run).contains("${env:OPENAI_API_KEY}"));
}

void TestResultsJson::loadErrors_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    const QByteArray profile = R"("profile":{"schema":"plateau.profile/1"})";
    QTest::newRow("corrupt") << QByteArray("{\"schema\": ")
                             << QStringLiteral("not valid JSON at offset");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("the top level is not an object");
    QTest::newRow("no schema") << QByteArray("{}")
                               << QStringLiteral("not a Plateau results file (no \"schema\")");
    QTest::newRow("profile file")
        << QByteArray(R"({"schema":"plateau.profile/1"})")
        << QStringLiteral("not a Plateau results file (schema \"plateau.profile/1\"");
    QTest::newRow("newer") << QByteArray(R"({"schema":"plateau.results/3"})")
                           << QStringLiteral("was written by a newer Plateau (plateau.results/3); "
                                             "this build reads plateau.results/1");
    QTest::newRow("no profile") << QByteArray(R"({"schema":"plateau.results/1"})")
                                << QStringLiteral("field 'profile' must be an object");
    QTest::newRow("bad profile")
        << QByteArray(
               R"({"schema":"plateau.results/1","profile":{"schema":"plateau.profile/1","plan":{"seed":"x"}}})")
        << QStringLiteral("profile: field 'plan.seed' must be a non-negative integer");
    QTest::newRow("levels not array")
        << "{\"schema\":\"plateau.results/1\"," + profile + ",\"levels\":{}}"
        << QStringLiteral("field 'levels' must be an array");
    QTest::newRow("request not object")
        << "{\"schema\":\"plateau.results/1\"," + profile + ",\"requests\":[{},3]}"
        << QStringLiteral("field 'requests[1]' must be an object");
}

void TestResultsJson::loadErrors() {
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = writeFile(dir, data);
    QString error;
    QVERIFY(!ResultsJson::load(path, &error).has_value());
    QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestResultsJson::failedSaveKeepsOldFile() {
    QTemporaryDir dir;
    const QByteArray old = "{\"old\": true}\n";
    const QString path = writeFile(dir, old);
    QCOMPARE(readAll(path), old);
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    QVERIFY(ResultsJson::toBytes(run).size() > 8192);
    // A file-size limit makes the write fail even as root (EFBIG instead of SIGXFSZ).
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 4096;
    auto previous = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    QString error;
    const bool ok = ResultsJson::save(run, path, &error);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    QVERIFY2(!ok, qPrintable(QString::number(ResultsJson::toBytes(run).size()) + QLatin1Char(' ') +
                             QString::number(readAll(path).size())));
    QVERIFY2(error.startsWith(path + QStringLiteral(": cannot save: ")), qPrintable(error));
    // The system's reason, not Qt's "Writing canceled by application".
    QVERIFY2(error.endsWith(QStringLiteral("File too large")), qPrintable(error));
    QCOMPARE(readAll(path), old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("r.json")});
}

void TestResultsJson::journalStatusRoundTrip() {
    RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    QVERIFY(!ResultsJson::toJson(run).contains(QStringLiteral("journal"))); // no journal: absent
    run.journal.path = QStringLiteral("/tmp/r.journal.jsonl");
    run.journal.error =
        QStringLiteral("/tmp/r.journal.jsonl: cannot write: No space left on device");
    const QJsonObject json = ResultsJson::toJson(run).value(QStringLiteral("journal")).toObject();
    QCOMPARE(json.value(QStringLiteral("path")).toString(), run.journal.path);
    QCOMPARE(json.value(QStringLiteral("ok")), QJsonValue(false));
    QCOMPARE(json.value(QStringLiteral("error")).toString(), run.journal.error);
    QString error;
    const auto back = ResultsJson::fromJson(ResultsJson::toJson(run), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->journal, run.journal);
    run.journal.error.clear();
    run.journal.recovered = true;
    const QJsonObject ok = ResultsJson::toJson(run).value(QStringLiteral("journal")).toObject();
    QCOMPARE(ok.value(QStringLiteral("ok")), QJsonValue(true));
    QCOMPARE(ok.value(QStringLiteral("recovered")), QJsonValue(true));
    QVERIFY(!ok.contains(QStringLiteral("error")));
}

void TestResultsJson::onlyARegularFileIsReplaced() {
    // Before, the atomic rename turned a FIFO (or, as root, /dev/null) into a regular file.
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QString error;
    QVERIFY(!ResultsJson::save(ResultFixtures::twoLevelRun(), fifo, &error));
    QVERIFY2(error.startsWith(fifo + QStringLiteral(": cannot save: is a FIFO")),
             qPrintable(error));
    struct stat st = {};
    QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
}

void TestResultsJson::loadIsCappedWhateverTheFile() {
    QString error;
    QVERIFY(!ResultsJson::load(QStringLiteral("/dev/zero"), &error, 1 << 20));
    QVERIFY2(error.startsWith(QStringLiteral("/dev/zero: is larger than the 1 MiB a results file")),
             qPrintable(error));
}

void TestResultsJson::calibrationRoundTrip() {
    const RunResult run =
        ResultFixtures::withCalibration(ResultFixtures::withSummary(ResultFixtures::twoLevelRun()));
    const QJsonObject json = ResultsJson::toJson(run);
    // The shape: a top-level object; probes shaped like requests[] entries, level -1.
    const QJsonObject c = json.value(QStringLiteral("calibration")).toObject();
    QCOMPARE(c.value(QStringLiteral("method")).toString(), QStringLiteral("factor"));
    QCOMPARE(c.value(QStringLiteral("overhead_tokens")).toDouble(), 0.0);
    QCOMPARE(c.value(QStringLiteral("tokens_per_estimated_token")).toDouble(), 1.5);
    QCOMPARE(c.value(QStringLiteral("probe_estimated_tokens")).toArray(), (QJsonArray{32, 128}));
    QCOMPARE(c.value(QStringLiteral("message")).toString(), run.calibration.message);
    const QJsonArray probes = c.value(QStringLiteral("probes")).toArray();
    QCOMPARE(probes.size(), 2);
    const QJsonObject request = json.value(QStringLiteral("requests")).toArray().at(0).toObject();
    for (const QJsonValue& probe : probes) {
        QCOMPARE(probe.toObject().keys(), request.keys());
        QCOMPARE(probe.toObject().value(QStringLiteral("level")).toInt(), -1);
    }
    QCOMPARE(probes.at(0).toObject().value(QStringLiteral("t_send_ms")).toDouble(), -30.0);
    QCOMPARE(probes.at(1).toObject().value(QStringLiteral("error")).toString(),
             QStringLiteral("http_5xx"));
    // Probes stay out of requests[] and the levels.
    QCOMPARE(json.value(QStringLiteral("requests")).toArray().size(), run.records.size());
    QCOMPARE(json.value(QStringLiteral("levels")),
             ResultsJson::toJson(ResultFixtures::withSummary(ResultFixtures::twoLevelRun()))
                 .value(QStringLiteral("levels")));

    // Read back (object and file): the same calibration, and the same document again.
    QString error;
    const std::optional<RunResult> back = ResultsJson::fromJson(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    const CalibrationInfo& b = back->calibration;
    QCOMPARE(b.method, run.calibration.method);
    QCOMPARE(b.tokensPerEstimatedToken, 1.5);
    QCOMPARE(b.probeEstimatedTokens, run.calibration.probeEstimatedTokens);
    QCOMPARE(b.message, run.calibration.message);
    QCOMPARE(b.probes.size(), qsizetype(2));
    QCOMPARE(b.probes.at(1).error, ErrorClass::Http5xx);
    QCOMPARE(b.probes.at(1).level, -1);
    QCOMPARE(b.probes.at(0).tEndNs - back->runStartNs,
             run.calibration.probes.at(0).tEndNs - run.runStartNs);
    QCOMPARE(ResultsJson::toJson(*back), json);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("calibrated.json"));
    QVERIFY2(ResultsJson::save(run, path, &error), qPrintable(error));
    const std::optional<RunResult> loaded = ResultsJson::load(path, &error);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QCOMPARE(ResultsJson::toJson(*loaded), json);
}

QTEST_GUILESS_MAIN(TestResultsJson)
#include "tst_resultsjson.moc"
