// End to end: --help covers everything, and bad arguments give exit 2 with one line.
#include "cli/runflags.h"
#include "cliprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestCliHelp : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void helpListsEveryCommandAndExitCode() {
        for (const QStringList& args : {QStringList{QStringLiteral("--help")}, QStringList{}}) {
            const CliRun run = CliProcess::run(args, m_dir.path(), 30000);
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            const QString out = run.outText();
            for (const char* word : {"run", "sim", "recover", "validate", "Exit codes", "  2 ",
                                     "  3 ", "  4 ", "130", "Examples"})
                QVERIFY2(out.contains(QLatin1String(word)), word);
        }
    }
    void runHelpCoversEveryOption() {
        for (const QStringList& args :
             {QStringList{QStringLiteral("run"), QStringLiteral("--help")},
              QStringList{QStringLiteral("help"), QStringLiteral("run")}}) {
            const CliRun run = CliProcess::run(args, m_dir.path(), 30000);
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            const QString out = run.outText();
            for (const char* option : {"--url",
                                       "--api",
                                       "openai-chat",
                                       "openai-completions",
                                       "databricks",
                                       "azure-openai",
                                       "--model",
                                       "--api-key-env",
                                       "--header",
                                       "--concurrency",
                                       "--rate",
                                       "--requests-per-level",
                                       "--duration-per-level",
                                       "--warmup",
                                       "--input-tokens",
                                       "--output-tokens",
                                       "--budget",
                                       "--stop-at-plateau",
                                       "--insecure",
                                       "--journal",
                                       "--out",
                                       "--csv",
                                       "--vllm-json",
                                       "--quiet",
                                       "130",
                                       "Exit codes",
                                       "Examples"})
                QVERIFY2(out.contains(QLatin1String(option)), option);
            // And every option the parser knows (RunFlags is what parseRun() accepts).
            const QList<QCommandLineOption> options = RunFlags().all();
            for (const QCommandLineOption& option : options) {
                QString longest;
                const QStringList names = option.names();
                for (const QString& n : names)
                    longest = n.size() > longest.size() ? n : longest;
                const QString name = QStringLiteral("--") + longest;
                QVERIFY2(out.contains(name), qPrintable(name));
            }
        }
    }
    void otherCommandsHaveHelp_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("sim") << "sim"
                             << "--request-log";
        QTest::newRow("recover") << "recover"
                                 << "JOURNAL";
        QTest::newRow("validate") << "validate"
                                  << "PROFILE";
    }
    void otherCommandsHaveHelp() {
        QFETCH(QString, command);
        QFETCH(QString, mentions);
        const CliRun run =
            CliProcess::run({command, QStringLiteral("--help")}, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.outText().contains(mentions));
        QVERIFY(run.outText().contains(QLatin1String("Exit codes")));
        // "help COMMAND" prints the same text.
        const CliRun viaHelp =
            CliProcess::run({QStringLiteral("help"), command}, m_dir.path(), 30000);
        QCOMPARE(viaHelp.exitCode, 0);
        QCOMPARE(viaHelp.out, run.out);
    }
    void unwritableJournalExits1() {
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
             QStringLiteral("1"), QStringLiteral("--quiet"), QStringLiteral("--journal"),
             QStringLiteral("/nonexistent-plateau-dir/j.jsonl")},
            m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("journal")), qPrintable(run.errText()));
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
    }
    void version() {
        const CliRun run = CliProcess::run({QStringLiteral("--version")}, m_dir.path(), 30000);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().startsWith(QLatin1String("plateau-cli ")));
    }
    void badArgumentsExit2WithOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("run"), QStringLiteral("--turbo")};
        QTest::newRow("bad list") << QStringList{QStringLiteral("run"), QStringLiteral("-c"),
                                                 QStringLiteral("1,x")};
        QTest::newRow("bad budget") << QStringList{
            QStringLiteral("run"), QStringLiteral("--budget"), QStringLiteral("p95")};
        QTest::newRow("bad url") << QStringList{QStringLiteral("run"), QStringLiteral("--url"),
                                                QStringLiteral("localhost")};
        QTest::newRow("zero requests")
            << QStringList{QStringLiteral("run"), QStringLiteral("-n"), QStringLiteral("0")};
        QTest::newRow("both modes")
            << QStringList{QStringLiteral("run"), QStringLiteral("-c"), QStringLiteral("4"),
                           QStringLiteral("--rate"), QStringLiteral("2")};
        QTest::newRow("unknown api")
            << QStringList{QStringLiteral("run"), QStringLiteral("--api"), QStringLiteral("grpc")};
        QTest::newRow("negative tokens") << QStringList{
            QStringLiteral("run"), QStringLiteral("--output-tokens"), QStringLiteral("-5")};
        QTest::newRow("two profiles") << QStringList{
            QStringLiteral("run"), QStringLiteral("a.json"), QStringLiteral("b.json")};
        QTest::newRow("missing value")
            << QStringList{QStringLiteral("run"), QStringLiteral("--concurrency")};
        QTest::newRow("key instead of variable")
            << QStringList{QStringLiteral("run"), QStringLiteral("--api-key-env"),
                           QStringLiteral("sk-pasted-key-1234")};
        QTest::newRow("unset key variable") << QStringList{
            QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9/v1"),
            QStringLiteral("--api-key-env"), QStringLiteral("PLATEAU_HELP_TEST_UNSET")};
        QTest::newRow("validate without file") << QStringList{QStringLiteral("validate")};
        // Prompt files the runner itself rejects (after parsing succeeded).
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.jsonl"));
        const QString empty = m_dir.filePath(QStringLiteral("empty.jsonl"));
        QFile file(garbage);
        if (file.open(QIODevice::WriteOnly))
            file.write("not json {\n");
        file.close();
        file.setFileName(empty);
        if (file.open(QIODevice::WriteOnly))
            file.close();
        QTest::newRow("prompts not JSON")
            << QStringList{QStringLiteral("run"), QStringLiteral("--prompts"), garbage,
                           QStringLiteral("-c"),  QStringLiteral("1"),         QStringLiteral("-n"),
                           QStringLiteral("1"),   QStringLiteral("--quiet")};
        QTest::newRow("prompts empty")
            << QStringList{QStringLiteral("run"), QStringLiteral("--prompts"), empty,
                           QStringLiteral("-c"),  QStringLiteral("1"),         QStringLiteral("-n"),
                           QStringLiteral("1"),   QStringLiteral("--quiet")};
        QTest::newRow("help for nothing")
            << QStringList{QStringLiteral("help"), QStringLiteral("fly")};
    }
    void badArgumentsExit2WithOneLine() {
        QFETCH(QStringList, args);
        const CliRun run = CliProcess::run(args, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        const QString err = run.errText();
        QVERIFY2(err.startsWith(QLatin1String("plateau-cli: ")) &&
                     err.count(QLatin1Char('\n')) == 1,
                 qPrintable(err));
        QVERIFY(run.out.isEmpty());
        QVERIFY2(!err.contains(QLatin1String("sk-pasted-key")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
