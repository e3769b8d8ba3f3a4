// End to end: --help covers everything, and bad arguments give exit 2 with one line.
#include "cliprocess.h"

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
            for (const char* word :
                 {"run", "sim", "recover", "validate", "Exit codes", "130", "Examples"})
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
                                       "Exit codes",
                                       "Examples"})
                QVERIFY2(out.contains(QLatin1String(option)), option);
        }
    }
    void otherCommandsHaveHelp_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("sim") << "sim"
                             << "--list-presets";
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
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
