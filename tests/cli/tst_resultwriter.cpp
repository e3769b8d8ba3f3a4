// ResultWriter: which files a run writes, their names, and that one failure does not stop
// the others.
#include "resultwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
LevelSummary level(bool isRate, int concurrency, double rate) {
    LevelSummary l;
    l.isRate = isRate;
    l.concurrency = concurrency;
    l.rate = rate;
    return l;
}
} // namespace

class TestResultWriter : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void vllmLevelFileName_data() {
        QTest::addColumn<bool>("isRate");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("name");
        QTest::newRow("concurrency") << false << 16 << 0.0 << QStringLiteral("c16.json");
        QTest::newRow("rate") << true << 0 << 5.0 << QStringLiteral("5rps.json");
        QTest::newRow("fractional rate") << true << 0 << 2.5 << QStringLiteral("2.5rps.json");
        QTest::newRow("capped rate") << true << 8 << 5.0 << QStringLiteral("5rps-cap8.json");
    }
    void vllmLevelFileName() {
        QFETCH(bool, isRate);
        QFETCH(int, concurrency);
        QFETCH(double, rate);
        QFETCH(QString, name);
        QCOMPARE(ResultWriter::vllmLevelFileName(level(isRate, concurrency, rate)), name);
    }
    void writesOnlyWhatWasAskedAndSurvivesAFailure() {
        RunResult result;
        result.stopReason = QStringLiteral("completed");
        result.summary.levels = {level(false, 1, 0), level(false, 4, 0)};
        RunOutputs outputs;
        outputs.outPath = QStringLiteral("/nonexistent-plateau-dir/r.json"); // fails
        outputs.csvPath = m_dir.filePath(QStringLiteral("r.csv"));
        outputs.vllmDirPath = m_dir.filePath(QStringLiteral("vllm/nested"));
        QStringList written;
        QStringList errors;
        QVERIFY(!ResultWriter::write(result, outputs, &written, &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QLatin1String("/nonexistent-plateau-dir/r.json")),
                 qPrintable(errors.first()));
        QCOMPARE(written.size(), 2); // the CSV and the vLLM directory
        QVERIFY(QFile::exists(outputs.csvPath));
        const QDir dir(outputs.vllmDirPath);
        QCOMPARE(dir.entryList(QDir::Files),
                 (QStringList{QStringLiteral("c1.json"), QStringLiteral("c4.json")}));
        QFile file(dir.filePath(QStringLiteral("c4.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(file.readAll()).isObject());
        // No vLLM JSON file was asked for: none written.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("vllm.json"))));
    }
};

QTEST_GUILESS_MAIN(TestResultWriter)
#include "tst_resultwriter.moc"
