#include "resultfixtures.h"
#include "results/vllmexporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestVllmExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void calibrationProbesAreNotExported();
    void hasVllmFieldNames();
    void closedLoopLevelValues();
    void failuresAsVllmRecordsThem();
    void rateLevel();
    void wholeSweepAndSave();
};

void TestVllmExporter::hasVllmFieldNames() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject level = VllmExporter::levelToJson(run, 0);
    // The names vLLM bench serve --save-result writes (benchmarks/serve.py, result_json).
    const char* names[] = {"date",
                           "backend",
                           "model_id",
                           "tokenizer_id",
                           "num_prompts",
                           "request_rate",
                           "burstiness",
                           "max_concurrency",
                           "duration",
                           "completed",
                           "failed",
                           "total_input_tokens",
                           "total_output_tokens",
                           "request_throughput",
                           "request_goodput",
                           "output_throughput",
                           "total_token_throughput",
                           "input_lens",
                           "output_lens",
                           "ttfts",
                           "itls",
                           "generated_texts",
                           "errors"};
    for (const char* name : names)
        QVERIFY2(level.contains(QLatin1String(name)), name);
    for (const char* metric : {"ttft", "tpot", "itl", "e2el"}) {
        for (const char* stat : {"mean_", "median_", "std_", "p99_", "p50_", "p90_", "p95_"}) {
            const QString key = QLatin1String(stat) + QLatin1String(metric) + QStringLiteral("_ms");
            QVERIFY2(level.value(key).isDouble(), qPrintable(key));
        }
    }
}

void TestVllmExporter::closedLoopLevelValues() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject l = VllmExporter::levelToJson(run, 0);
    // Level 0: 4 measured requests (the warm-up is left out), 10 tokens each, ttft 20 ms,
    // gaps 5 ms + 7 ns.
    QCOMPARE(l.value(QStringLiteral("request_rate")).toString(), QStringLiteral("inf"));
    QCOMPARE(l.value(QStringLiteral("max_concurrency")).toInt(), 1);
    QCOMPARE(l.value(QStringLiteral("num_prompts")).toInt(), 4);
    QCOMPARE(l.value(QStringLiteral("completed")).toInt(), 4);
    QCOMPARE(l.value(QStringLiteral("failed")).toInt(), 0);
    QCOMPARE(l.value(QStringLiteral("total_output_tokens")).toInt(), 40);
    QCOMPARE(l.value(QStringLiteral("total_input_tokens")).toInt(), 4 * 256);
    const double duration = l.value(QStringLiteral("duration")).toDouble();
    QCOMPARE(duration, run.summary.levels.at(0).wallSeconds);
    QVERIFY(duration > 0);
    QCOMPARE(l.value(QStringLiteral("output_throughput")).toDouble(), 40 / duration);
    QCOMPARE(l.value(QStringLiteral("request_throughput")).toDouble(), 4 / duration);
    QCOMPARE(l.value(QStringLiteral("total_token_throughput")).toDouble(), (40 + 1024) / duration);
    QCOMPARE(l.value(QStringLiteral("ttfts")).toArray(), (QJsonArray{0.02, 0.02, 0.02, 0.02}));
    const QJsonArray itls = l.value(QStringLiteral("itls")).toArray();
    QCOMPARE(itls.size(), 4);
    QCOMPARE(itls.at(0).toArray().size(), 9);
    QCOMPARE(itls.at(0).toArray().at(0).toDouble(), 0.005000007);
    QCOMPARE(l.value(QStringLiteral("generated_texts")).toArray(),
             (QJsonArray{QString(), QString(), QString(), QString()}));
    QCOMPARE(l.value(QStringLiteral("mean_ttft_ms")).toDouble(), 20.0);
    QCOMPARE(l.value(QStringLiteral("median_ttft_ms")).toDouble(), 20.0);
    QCOMPARE(l.value(QStringLiteral("std_ttft_ms")).toDouble(), 0.0);
    QCOMPARE(l.value(QStringLiteral("mean_tpot_ms")).toDouble(), 5.000007);
    QCOMPARE(l.value(QStringLiteral("p99_itl_ms")).toDouble(), 5.000007);
    QCOMPARE(l.value(QStringLiteral("mean_e2el_ms")).toDouble(), 65.000063);
}

void TestVllmExporter::failuresAsVllmRecordsThem() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject l = VllmExporter::levelToJson(run, 1);
    QCOMPARE(l.value(QStringLiteral("completed")).toInt(), 6);
    QCOMPARE(l.value(QStringLiteral("failed")).toInt(), 1);
    const QJsonArray errors = l.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 7);
    QCOMPARE(errors.at(0).toString(), QString());
    QVERIFY(errors.at(6).toString().startsWith(QStringLiteral("http_5xx: HTTP 503")));
    QCOMPARE(l.value(QStringLiteral("ttfts")).toArray().at(6).toDouble(), 0.0);
    QCOMPARE(l.value(QStringLiteral("output_lens")).toArray().at(6).toInt(), 0);
    QCOMPARE(l.value(QStringLiteral("itls")).toArray().at(6).toArray().size(), 0);
    // Statistics over successes only: the failure does not drag TTFT to 0.
    QCOMPARE(l.value(QStringLiteral("mean_ttft_ms")).toDouble(), 30.0);
    QCOMPARE(l.value(QStringLiteral("total_output_tokens")).toInt(), 6 * 12);
}

void TestVllmExporter::rateLevel() {
    RunResult run = ResultFixtures::twoLevelRun();
    run.profile.plan.mode = SweepPlan::Mode::Rate;
    run.profile.plan.rates = {2.5, 5};
    run.profile.plan.burstiness = 0.5;
    for (LevelRunInfo& info : run.levels) {
        info.isRate = true;
        info.rate = info.index == 0 ? 2.5 : 5;
        info.concurrency = 0;
    }
    run = ResultFixtures::withSummary(run);
    const QJsonObject l = VllmExporter::levelToJson(run, 1);
    QCOMPARE(l.value(QStringLiteral("request_rate")).toDouble(), 5.0);
    QCOMPARE(l.value(QStringLiteral("burstiness")).toDouble(), 0.5);
    QVERIFY(l.value(QStringLiteral("max_concurrency")).isNull());
}

void TestVllmExporter::wholeSweepAndSave() {
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const QJsonObject all = VllmExporter::toJson(run);
    QCOMPARE(all.value(QStringLiteral("plateau_export")).toString(),
             QStringLiteral("vllm-bench-serve"));
    QCOMPARE(all.value(QStringLiteral("levels")).toArray().size(), 2);
    QCOMPARE(all.value(QStringLiteral("levels")).toArray().at(1).toObject(),
             VllmExporter::levelToJson(run, 1));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vllm.json"));
    QString error;
    QVERIFY2(VllmExporter::save(run, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), all);
}

void TestVllmExporter::calibrationProbesAreNotExported() {
    // The probes (level -1, one failed) would distort the per-request figures.
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const RunResult calibrated = ResultFixtures::withCalibration(run);
    QCOMPARE(VllmExporter::toJson(calibrated), VllmExporter::toJson(run));
}

QTEST_GUILESS_MAIN(TestVllmExporter)
#include "tst_vllmexporter.moc"
