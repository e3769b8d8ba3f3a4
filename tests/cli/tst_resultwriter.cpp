// ResultWriter: which files a run writes, their names, and that one failure does not stop
// the others.
#include "cli/resultwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

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
        result.stopReason = StopReason::Completed;
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
    void writeRefusesDevicesAndSaysWhy() {
        RunResult result;
        RunOutputs outputs;
        outputs.outPath = QStringLiteral("/dev/null");
        QStringList written;
        QStringList errors;
        QVERIFY(!ResultWriter::write(result, outputs, &written, &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral(
                     "results not written: /dev/null: cannot save: is a character device")),
                 qPrintable(errors.first()));
        QVERIFY(written.isEmpty());
        struct stat st = {};
        QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    }
    void checkTargets_data() {
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("csv");
        QTest::addColumn<QString>("journal");
        QTest::addColumn<QString>("vllmDir");
        QTest::addColumn<QString>("expected"); // "" = accepted
        const QString fifo = m_dir.filePath(QStringLiteral("fifo"));
        if (!QFileInfo::exists(fifo))
            QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString file = m_dir.filePath(QStringLiteral("plain.txt"));
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        const QString none;
        QTest::newRow("files") << m_dir.filePath(QStringLiteral("r.json")) << none << none << none
                               << QString();
        QTest::newRow("out on stdout")
            << QStringLiteral("-") << m_dir.filePath(QStringLiteral("r.csv")) << none << none
            << QString();
        QTest::newRow("device") << QStringLiteral("/dev/null") << none << none << none
                                << QStringLiteral("--out /dev/null: is a character device");
        QTest::newRow("FIFO") << none << fifo << none << none
                              << QStringLiteral("--csv %1: is a FIFO").arg(fifo);
        QTest::newRow("directory") << m_dir.path() << none << none << none
                                   << QStringLiteral("--out %1: is a directory").arg(m_dir.path());
        QTest::newRow("two on stdout")
            << QStringLiteral("-") << QStringLiteral("-") << none << none
            << QStringLiteral("--out, --csv all ask for standard output");
        QTest::newRow("journal on stdout") << none << none << QStringLiteral("-") << none
                                           << QStringLiteral("--journal cannot be \"-\"");
        QTest::newRow("journal a device") << none << none << QStringLiteral("/dev/null") << none
                                          << QStringLiteral("--journal /dev/null: is a character");
        QTest::newRow("vllm dir a file") << none << none << none << file
                                         << QStringLiteral("--vllm-dir %1: exists and is not a "
                                                           "directory")
                                                .arg(file);
    }
    void checkTargets() {
        QFETCH(QString, out);
        QFETCH(QString, csv);
        QFETCH(QString, journal);
        QFETCH(QString, vllmDir);
        QFETCH(QString, expected);
        RunOutputs outputs;
        outputs.outPath = out;
        outputs.csvPath = csv;
        outputs.journalPath = journal;
        outputs.vllmDirPath = vllmDir;
        QString error;
        const bool ok = ResultWriter::checkTargets(outputs, &error);
        QCOMPARE(ok, expected.isEmpty());
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        QCOMPARE(ResultWriter::usesStandardOutput(outputs),
                 out == QLatin1String("-") || csv == QLatin1String("-"));
    }
};

QTEST_GUILESS_MAIN(TestResultWriter)
#include "tst_resultwriter.moc"
