// The server's metrics in the results file (issue 12): written when scraped, read back as
// written (series, warnings, per-level figures and the cross-check), absent otherwise, and a
// file without them (or with a damaged part) still reads.

#include "results/resultsjson.h"
#include "results/serverrunmetricsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
RunResult resultWithOneLevel() {
    RunResult result;
    result.profile = Profile::defaultProfile();
    result.runStartNs = 0;
    LevelSummary level;
    level.index = 0;
    level.concurrency = 8;
    level.complete = true;
    result.summary.levels.append(level);
    LevelRunInfo info;
    info.index = 0;
    info.concurrency = 8;
    result.levels.append(info);
    return result;
}

ServerRunMetrics scraped() {
    ServerRunMetrics server;
    server.enabled = true;
    server.url = QStringLiteral("http://127.0.0.1:9/metrics");
    server.engine = QStringLiteral("vLLM");
    server.intervalMs = 500;
    server.scrapes = 3;
    server.warnings.append({QStringLiteral("garbage"), QStringLiteral("2 bad lines")});
    server.series[QStringLiteral("running")] = {{0, 1.0}, {500, 4.0}, {1000, 4.0}};
    server.series[QStringLiteral("generation_tokens_per_s")] = {{500, 120.5}, {1000, 130.25}};
    server.sourceNames[QStringLiteral("running")] = QStringLiteral("vllm:num_requests_running");
    server.extraNames = {QStringLiteral("process_open_fds")};
    server.extras[QStringLiteral("process_open_fds")] = {{0, 12.0}};
    ServerLevelFigures figures;
    figures.index = 0;
    figures.generationTps = 125.0;
    figures.runningMean = 4.0;
    figures.waitingMean = 4.0;
    figures.kvUsageMax = 0.5;
    figures.preemptions = 0.0;
    figures.crossCheckDifference = 0.08;
    figures.crossCheckFlagged = true;
    figures.crossCheckNote = QStringLiteral("server 125 tok/s vs measured 116 tok/s (+8.0%)");
    server.levels.append(figures);
    return server;
}
} // namespace

class TestServerRunMetricsJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void absentWhenNotScraped();
    void roundTripsThroughTheResultsFile();
    void damagedSeriesAreSkipped();
};

void TestServerRunMetricsJson::absentWhenNotScraped() {
    const QJsonObject json = ResultsJson::toJson(resultWithOneLevel());
    QVERIFY(!json.contains(QStringLiteral("server_metrics")));
    const QJsonObject level = json.value(QStringLiteral("levels")).toArray().at(0).toObject();
    QVERIFY(!level.contains(QStringLiteral("server_running_mean")));
    QString error;
    const auto back = ResultsJson::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(!back->serverMetrics.enabled);
    QVERIFY(back->serverMetrics.levels.isEmpty());
}

void TestServerRunMetricsJson::roundTripsThroughTheResultsFile() {
    RunResult result = resultWithOneLevel();
    result.serverMetrics = scraped();
    const QByteArray bytes = ResultsJson::toBytes(result);
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    const QJsonObject level = json.value(QStringLiteral("levels")).toArray().at(0).toObject();
    QCOMPARE(level.value(QStringLiteral("server_generation_tps")).toDouble(), 125.0);
    QCOMPARE(level.value(QStringLiteral("server_waiting_mean")).toDouble(), 4.0);
    QVERIFY(!level.contains(QStringLiteral("server_prompt_tps"))); // not reported: absent
    QVERIFY(bytes.contains("\"running\":[[0,1],[500,4],[1000,4]]"));

    QString error;
    const auto back = ResultsJson::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    const ServerRunMetrics& server = back->serverMetrics;
    QVERIFY(server.enabled);
    QCOMPARE(server.engine, QStringLiteral("vLLM"));
    QCOMPARE(server.scrapes, 3);
    QCOMPARE(server.warnings.size(), 1);
    QCOMPARE(server.warnings.at(0).kind, QStringLiteral("garbage"));
    QCOMPARE(server.series, scraped().series);
    QCOMPARE(server.extras, scraped().extras);
    QCOMPARE(server.extraNames, scraped().extraNames);
    QCOMPARE(server.sourceNames, scraped().sourceNames);
    const ServerLevelFigures* figures = server.level(0);
    QVERIFY(figures);
    QCOMPARE(figures->generationTps, std::optional<double>(125.0));
    QCOMPARE(figures->kvUsageMax, std::optional<double>(0.5));
    QCOMPARE(figures->preemptions, std::optional<double>(0.0));
    QVERIFY(!figures->promptTps);
    QVERIFY(figures->crossCheckFlagged);
    QCOMPARE(figures->crossCheckDifference, std::optional<double>(0.08));
    QCOMPARE(figures->crossCheckNote, scraped().levels.at(0).crossCheckNote);
}

void TestServerRunMetricsJson::damagedSeriesAreSkipped() {
    const QJsonObject object{
        {QStringLiteral("engine"), QStringLiteral("TGI")},
        {QStringLiteral("series"),
         QJsonObject{{QStringLiteral("waiting"),
                      QJsonArray{QJsonArray{0, 1}, QStringLiteral("x"), QJsonArray{5},
                                 QJsonArray{100, 2}, QJsonArray{50, 3}, QJsonArray{200, 4}}},
                     {QStringLiteral("running"), QStringLiteral("not an array")}}},
        {QStringLiteral("warnings"), 7}};
    const ServerRunMetrics server = ServerRunMetricsJson::fromJson(object);
    QVERIFY(server.enabled);
    QCOMPARE(server.engine, QStringLiteral("TGI"));
    const ServerRunMetrics::Series expected = {{0, 1.0}, {100, 2.0}, {200, 4.0}};
    QCOMPARE(server.series.at(QStringLiteral("waiting")), expected);
    QVERIFY(server.series.at(QStringLiteral("running")).isEmpty());
    QVERIFY(server.warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestServerRunMetricsJson)
#include "tst_serverrunmetricsjson.moc"
