// End to end: nothing is lost. A run killed with SIGKILL leaves a journal that
// `plateau-cli recover` turns back into full results; SIGTERM stops a run cleanly with
// exit 130 and every file written.
#include "cliprocess.h"
#include "simprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/stat.h>

namespace {
QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestCliRecover : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

    // A sweep that the test interrupts: 4 levels x 40 requests of 32 tokens. With the
    // simulator's step fixed at 10 ms + 0.1 ms per sequence a request lasts >= 0.3 s, so
    // level c=2 takes >= 6 s and c=4 >= 3 s: plenty of time to act between levels.
    void startLongRun(QProcess& process, const QString& journal, const QString& out,
                      const QStringList& extra = {}) {
        process.setProcessEnvironment(CliProcess::environment(m_dir.path()));
        process.start(CliProcess::program(),
                      QStringList{QStringLiteral("run"), QStringLiteral("--url"),
                                  m_sim.baseUrl().toString(), QStringLiteral("-c"),
                                  QStringLiteral("2,4,8,16"), QStringLiteral("-n"),
                                  QStringLiteral("40"), QStringLiteral("--output-tokens"),
                                  QStringLiteral("32"), QStringLiteral("--input-tokens"),
                                  QStringLiteral("16"), QStringLiteral("--journal"), journal,
                                  QStringLiteral("--out"), out} +
                          extra);
        QVERIFY(process.waitForStarted(10000));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=10"),
                              QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0.1"),
                              QStringLiteral("--set"), QStringLiteral("max_batch=64")},
                             &error),
                 qPrintable(error));
    }
    void cleanupTestCase() { QCOMPARE(m_sim.stop(), 0); }

    void killedRunIsRecoveredFromItsJournal() {
        QProcess process;
        startLongRun(process, path("killed.jsonl"), path("killed.json"));
        // Mid-sweep: the first level is finished and the second under way.
        QTRY_VERIFY_WITH_TIMEOUT(CliProcess::journalLines(path("killed.jsonl"), "request", 1) >= 4,
                                 60000);
        process.kill(); // SIGKILL: no chance to write anything else
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        QVERIFY(!QFile::exists(path("killed.json")));
        const int journaled = CliProcess::journalRequests(path("killed.jsonl"));

        const CliRun recover = CliProcess::run(
            {QStringLiteral("recover"), path("killed.jsonl"), QStringLiteral("--out"),
             path("recovered.json"), QStringLiteral("--csv"), path("recovered.csv"),
             QStringLiteral("--vllm-dir"), path("recovered-vllm")},
            m_dir.path(), 30000);
        QVERIFY2(recover.exitCode == 0, qPrintable(recover.describe()));
        QVERIFY2(recover.outText().contains(QLatin1String("c=2")), qPrintable(recover.outText()));
        const QJsonObject results = readJsonObject(path("recovered.json"));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(), journaled);
        // The finished level comes back whole, with its statistics; the cut level keeps the
        // requests that finished before the kill.
        QCOMPARE(CliProcess::journalLines(path("killed.jsonl"), "level_end", 0), 1);
        const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
        QVERIFY(levels.size() >= 2);
        const QJsonObject first = levels.at(0).toObject();
        QCOMPARE(first.value(QLatin1String("concurrency")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("requests")).toInt(), 40);
        QCOMPARE(first.value(QLatin1String("successes")).toInt(), 40);
        QVERIFY(first.value(QLatin1String("output_throughput_tps")).toDouble() > 0);
        QCOMPARE(
            first.value(QLatin1String("ttft_ms")).toObject().value(QLatin1String("count")).toInt(),
            40);
        const QJsonObject second = levels.at(1).toObject();
        QCOMPARE(second.value(QLatin1String("concurrency")).toInt(), 4);
        QCOMPARE(second.value(QLatin1String("requests")).toInt(),
                 CliProcess::journalLines(path("killed.jsonl"), "request", 1));
        QVERIFY(results.value(QLatin1String("plateau")).isObject());
        QVERIFY(QFile::exists(path("recovered-vllm") + QStringLiteral("/c2.json")));
        // A killed run says so in the results (before: cancelled false, stop_reason "").
        QCOMPARE(results.value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("interrupted"));
        QCOMPARE(results.value(QLatin1String("cancelled")), QJsonValue(true));
        const QJsonObject journal = results.value(QLatin1String("journal")).toObject();
        QCOMPARE(journal.value(QLatin1String("path")).toString(), path("killed.jsonl"));
        QCOMPARE(journal.value(QLatin1String("recovered")), QJsonValue(true));
        QVERIFY2(recover.errText().contains(QLatin1String("stop reason: interrupted")),
                 qPrintable(recover.errText()));
        QFile csv(path("recovered.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), journaled + 1);
    }
    void recoverSurvivesATornLastLine() {
        QVERIFY(QFile::copy(path("killed.jsonl"), path("torn.jsonl")));
        const int before = CliProcess::journalRequests(path("torn.jsonl"));
        QFile file(path("torn.jsonl"));
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"type\":\"request\",\"id\":99999,\"lev"); // cut mid-write
        file.close();
        const CliRun recover = CliProcess::run({QStringLiteral("recover"), path("torn.jsonl"),
                                                QStringLiteral("--out"), path("torn.json")},
                                               m_dir.path(), 30000);
        QVERIFY2(recover.exitCode == 0, qPrintable(recover.describe()));
        QCOMPARE(
            readJsonObject(path("torn.json")).value(QLatin1String("requests")).toArray().size(),
            before);
    }
    void sigtermStopsCleanlyAndWritesResults() {
        QProcess process;
        startLongRun(process, path("stopped.jsonl"), path("stopped.json"));
        QTRY_VERIFY_WITH_TIMEOUT(CliProcess::journalRequests(path("stopped.jsonl")) >= 10, 30000);
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(out.contains(QLatin1String("out tok/s")), qPrintable(out));
        const QJsonObject results = readJsonObject(path("stopped.json"));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QVERIFY(results.value(QLatin1String("requests")).toArray().size() >= 10);
    }
    void sigintStopsPromptlyAndWritesResults() {
        // Streams of 3,000 tokens at >= 10 ms a step last >= 30 s each: a run that waited
        // for them instead of aborting them would blow the 10 s bound by far (a generous
        // bound for a busy machine: the stop itself takes milliseconds).
        QProcess process;
        startLongRun(process, path("sigint.jsonl"), path("sigint.json"),
                     {QStringLiteral("--output-tokens"), QStringLiteral("3000"),
                      QStringLiteral("--csv"), path("sigint.csv")});
        // Every worker has sent its request and is streaming.
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto stats = m_sim.get(QStringLiteral("/sim/stats"), &error);
                return stats && stats->object().value(QLatin1String("running")).toInt() == 2;
            }(),
            30000);
        QElapsedTimer sinceSignal;
        sinceSignal.start();
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(30000));
        const qint64 stopMs = sinceSignal.elapsed();
        qInfo("stopped %lld ms after SIGINT", stopMs);
        QVERIFY(stopMs < 10000);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY(
            QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("Stopping")));
        // The aborted requests are there, classed "cancelled", in every file.
        const QJsonObject results = readJsonObject(path("sigint.json"));
        QVERIFY(results.value(QLatin1String("cancelled")).toBool());
        const QJsonArray requests = results.value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        for (const QJsonValue& v : requests)
            QCOMPARE(v.toObject().value(QLatin1String("error")).toString(),
                     QStringLiteral("cancelled"));
        QCOMPARE(CliProcess::journalRequests(path("sigint.jsonl")), 2);
        QFile csv(path("sigint.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 3);
    }
    void recoverRejectsBadInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no journal") << QStringList{QStringLiteral("recover")};
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("recover"), QStringLiteral("/nonexistent/j.jsonl")};
        QTest::newRow("two files")
            << QStringList{QStringLiteral("recover"), QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("recover"), QStringLiteral("--bogus")};
    }
    void recoverRejectsBadInput() {
        QFETCH(QStringList, args);
        const CliRun run = CliProcess::run(args, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QCOMPARE(run.errText().trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(run.errText().startsWith(QLatin1String("plateau-cli: ")));
    }
    void recoverRefusesOutputsThatAreNotRegularFiles_data() {
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("expected");
        const QString fifo = path("recover.fifo");
        if (!QFileInfo::exists(fifo))
            QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QTest::newRow("device") << QStringLiteral("/dev/null")
                                << QStringLiteral("--out /dev/null: is a character device");
        QTest::newRow("FIFO") << fifo << QStringLiteral("--out %1: is a FIFO").arg(fifo);
        QTest::newRow("directory")
            << m_dir.path() << QStringLiteral("--out %1: is a directory").arg(m_dir.path());
    }
    void recoverRefusesOutputsThatAreNotRegularFiles() {
        // Before, as root, `recover J --out /dev/null` renamed a regular file over the device.
        QFETCH(QString, out);
        QFETCH(QString, expected);
        const CliRun run = CliProcess::run(
            {QStringLiteral("recover"), path("killed.jsonl"), QStringLiteral("--out"), out},
            m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(expected), qPrintable(run.describe()));
        struct stat st = {};
        QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
        QVERIFY(::lstat(QFile::encodeName(path("recover.fifo")).constData(), &st) == 0 &&
                S_ISFIFO(st.st_mode));
    }
    void recoverWritesToStandardOutput() {
        const CliRun run = CliProcess::run({QStringLiteral("recover"), path("killed.jsonl"),
                                            QStringLiteral("--out"), QStringLiteral("-")},
                                           m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject results = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(),
                 CliProcess::journalRequests(path("killed.jsonl")));
        QVERIFY2(run.errText().contains(QLatin1String("out tok/s")), qPrintable(run.describe()));
    }
    void aJournalRepeatedIsCountedOnce() {
        // `cat j j > jj`: before, every request was counted twice, without a word.
        const QByteArray once = [&] {
            QFile file(path("killed.jsonl"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        // The killed journal may end in a torn line: repeat its complete lines.
        const QByteArray complete = once.left(once.lastIndexOf('\n') + 1);
        QFile twice(path("twice.jsonl"));
        QVERIFY(twice.open(QIODevice::WriteOnly));
        twice.write(complete + complete);
        twice.close();
        const CliRun run = CliProcess::run({QStringLiteral("recover"), path("twice.jsonl"),
                                            QStringLiteral("--out"), path("twice.json")},
                                           m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("the journal repeats itself")),
                 qPrintable(run.describe()));
        QCOMPARE(
            readJsonObject(path("twice.json")).value(QLatin1String("requests")).toArray().size(),
            CliProcess::journalRequests(path("killed.jsonl")));
    }
    void recoverRejectsAFileThatIsNoJournal() {
        QFile file(path("not-a-journal.jsonl"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\nworld\n");
        file.close();
        const CliRun run = CliProcess::run({QStringLiteral("recover"), path("not-a-journal.jsonl")},
                                           m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliRecover)
#include "tst_clirecover.moc"
