// End to end: nothing is lost. A run killed with SIGKILL leaves a journal that
// `plateau-cli recover` turns back into full results; SIGTERM stops a run cleanly with
// exit 130 and every file written.
#include "cliprocess.h"
#include "simprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Complete "request" lines in a journal (a torn last line does not count).
int journalRequests(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    int count = 0;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("request"))
            ++count;
    }
    return count;
}
} // namespace

class TestCliRecover : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

    // A long sweep that the test interrupts: 4 levels x 400 requests would take minutes.
    void startLongRun(QProcess& process, const QString& journal, const QString& out) {
        process.setProcessEnvironment(CliProcess::environment(m_dir.path()));
        process.start(CliProcess::program(),
                      {QStringLiteral("run"), QStringLiteral("--url"), m_sim.baseUrl().toString(),
                       QStringLiteral("-c"), QStringLiteral("2,4,8,16"), QStringLiteral("-n"),
                       QStringLiteral("400"), QStringLiteral("--output-tokens"),
                       QStringLiteral("16"), QStringLiteral("--journal"), journal,
                       QStringLiteral("--out"), out});
        QVERIFY(process.waitForStarted(10000));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start({}, &error), qPrintable(error));
    }
    void cleanupTestCase() { QCOMPARE(m_sim.stop(), 0); }

    void killedRunIsRecoveredFromItsJournal() {
        QProcess process;
        startLongRun(process, path("killed.jsonl"), path("killed.json"));
        QTRY_VERIFY_WITH_TIMEOUT(journalRequests(path("killed.jsonl")) >= 20, 30000);
        process.kill(); // SIGKILL: no chance to write anything else
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        QVERIFY(!QFile::exists(path("killed.json")));
        const int journaled = journalRequests(path("killed.jsonl"));

        const CliRun recover = CliProcess::run({QStringLiteral("recover"), path("killed.jsonl"),
                                                QStringLiteral("--out"), path("recovered.json"),
                                                QStringLiteral("--csv"), path("recovered.csv")},
                                               m_dir.path(), 30000);
        QVERIFY2(recover.exitCode == 0, qPrintable(recover.describe()));
        QVERIFY2(recover.outText().contains(QLatin1String("c=2")), qPrintable(recover.outText()));
        const QJsonObject results = readJsonObject(path("recovered.json"));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(), journaled);
        QVERIFY(!results.value(QLatin1String("levels")).toArray().isEmpty());
        QFile csv(path("recovered.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), journaled + 1);
    }
    void recoverSurvivesATornLastLine() {
        QVERIFY(QFile::copy(path("killed.jsonl"), path("torn.jsonl")));
        const int before = journalRequests(path("torn.jsonl"));
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
        QTRY_VERIFY_WITH_TIMEOUT(journalRequests(path("stopped.jsonl")) >= 10, 30000);
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
