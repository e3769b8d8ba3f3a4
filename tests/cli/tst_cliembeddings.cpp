// End to end (issue 14): `plateau-cli run --api openai-embeddings --batch-size N` against the
// built-in simulator: the summary switches to inputs/s and e2e latency, the results file says
// embeddings and carries the inputs, and the batch size is bounded.
#include "cliprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestCliEmbeddings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runReportsInputsPerSecond();
    void batchSizeIsBounded_data();
    void batchSizeIsBounded();
    void batchSizeGrid();
    void batchListNeedsEmbeddings();
};

// Issue 14: --batch-size 1,8 with -c 1,2 runs the grid batch-major; the table has a batch
// column, the sentence a plateau per batch size, the results file each level's batch_size
// and each size's plateau.
void TestCliEmbeddings::batchSizeGrid() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("results.json"));
    const CliRun run = CliProcess::run(
        {QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("sim:default"),
         QStringLiteral("--api"), QStringLiteral("openai-embeddings"), QStringLiteral("-c"),
         QStringLiteral("1,2"), QStringLiteral("--batch-size"), QStringLiteral("1,8"),
         QStringLiteral("--requests-per-level"), QStringLiteral("8"),
         QStringLiteral("--input-tokens"), QStringLiteral("32"), QStringLiteral("--out"), out},
        dir.path(), 120000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString text = run.outText();
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("level +batch +reqs"))),
             qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("c=2 +8 +8 "))), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("per batch size: batch 1 [^,]*, "
                                                             "batch 8 [^;.]* inputs/s"))),
             qPrintable(text));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject results = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray levels = results.value(u"levels").toArray();
    QCOMPARE(levels.size(), 4);
    const int expected[] = {1, 1, 8, 8};
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QJsonObject level = levels.at(i).toObject();
        QCOMPARE(level.value(u"batch_size").toInt(), expected[i]);
        QCOMPARE(level.value(u"embedding_inputs").toInt(), 8 * expected[i]);
    }
    const QJsonArray curves = results.value(u"plateau_by_batch").toArray();
    QCOMPARE(curves.size(), 2);
    QCOMPARE(curves.at(1).toObject().value(u"batch_size").toInt(), 8);
}

void TestCliEmbeddings::batchListNeedsEmbeddings() {
    QTemporaryDir dir;
    const CliRun run = CliProcess::run({QStringLiteral("run"), QStringLiteral("--url"),
                                        QStringLiteral("sim:default"),
                                        QStringLiteral("--batch-size"), QStringLiteral("1,8")},
                                       dir.path(), 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(u"batch_size") &&
                 run.errText().contains(u"needs --api openai-embeddings"),
             qPrintable(run.describe()));
}

void TestCliEmbeddings::runReportsInputsPerSecond() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("results.json"));
    const CliRun run = CliProcess::run(
        {QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("sim:default"),
         QStringLiteral("--api"), QStringLiteral("openai-embeddings"), QStringLiteral("-c"),
         QStringLiteral("1,4"), QStringLiteral("--batch-size"), QStringLiteral("8"),
         QStringLiteral("--requests-per-level"), QStringLiteral("24"),
         QStringLiteral("--input-tokens"), QStringLiteral("32"), QStringLiteral("--out"), out},
        dir.path(), 120000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString text = run.outText();
    // The table: inputs/s, input tok/s and e2e percentiles; no TTFT/TPOT columns.
    QVERIFY2(text.contains(u"inputs/s") && text.contains(u"in tok/s") && text.contains(u"e2e p99"),
             qPrintable(text));
    QVERIFY2(!text.contains(u"TTFT p50") && !text.contains(u"out tok/s"), qPrintable(text));
    QVERIFY2(text.contains(u"no TTFT/TPOT"), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("(plateaus at|highest throughput|"
                                                             "peaks at) [^;]* inputs/s"))),
             qPrintable(text));

    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject results = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray levels = results.value(u"levels").toArray();
    QCOMPARE(levels.size(), 2);
    for (const QJsonValue& value : levels) {
        const QJsonObject level = value.toObject();
        QCOMPARE(level.value(u"embeddings").toBool(), true);
        QCOMPARE(level.value(u"successes").toInt(), 24);
        QCOMPARE(level.value(u"embedding_inputs").toInt(), 24 * 8);
        QVERIFY(level.value(u"inputs_per_s").toDouble() > 0);
        // input tok/s is inputs/s times the ~32 words of each input
        const double perInput = level.value(u"input_throughput_tps").toDouble() /
                                level.value(u"inputs_per_s").toDouble();
        QVERIFY2(perInput > 24 && perInput < 40, qPrintable(QString::number(perInput)));
        QVERIFY(level.value(u"ttft_ms").toObject().value(u"count").toInt() == 0);
    }
    // Concurrency batches the engine's work: 4 at once serve more inputs/s than 1.
    QVERIFY(levels.at(1).toObject().value(u"inputs_per_s").toDouble() >
            levels.at(0).toObject().value(u"inputs_per_s").toDouble());
}

void TestCliEmbeddings::batchSizeIsBounded_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("zero") << "0"
                          << "must be at least 1";
    QTest::newRow("above 2048") << "2049"
                                << "must be at most 2048";
    QTest::newRow("text") << "eight"
                          << "is not a number";
}

void TestCliEmbeddings::batchSizeIsBounded() {
    QFETCH(QString, value);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const CliRun run = CliProcess::run({QStringLiteral("run"), QStringLiteral("--url"),
                                        QStringLiteral("sim:default"), QStringLiteral("--api"),
                                        QStringLiteral("openai-embeddings"),
                                        QStringLiteral("--batch-size"), value},
                                       dir.path(), 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(u"--batch-size") && run.errText().contains(reason),
             qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCliEmbeddings)
#include "tst_cliembeddings.moc"
