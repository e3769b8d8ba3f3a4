#include "cli/clioptions.h"
#include "cli/workloadflags.h"

#include "profile/profileio.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

// The workload flags of `plateau-cli run` (issue 16): what each one sets in the profile, and
// a clear one-line error naming the flag for every bad value.
class TestWorkloadFlags : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::optional<RunInvocation> parse(const QStringList& args, QString* error) {
        return CliOptions::parseRun(args, error);
    }
    QString dataset() {
        const QString path = m_dir.filePath(QStringLiteral("d.jsonl"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write("{\"prompt\": \"hello there\"}\n");
        return path;
    }

private Q_SLOTS:
    void lengthDistributions() {
        QString error;
        const auto inv = parse({QStringLiteral("--input-len"), QStringLiteral("uniform:100-900"),
                                QStringLiteral("--output-len"), QStringLiteral("normal:500,100"),
                                QStringLiteral("--seed"), QStringLiteral("5")},
                               &error);
        QVERIFY2(inv, qPrintable(error));
        QCOMPARE(*inv->profile.workload.input, LengthDistribution::uniform(100, 900));
        QCOMPARE(*inv->profile.workload.output, LengthDistribution::normal(500, 100));
        QCOMPARE(inv->profile.plan.seed, quint64(5));
        const auto fixed =
            parse({QStringLiteral("--input-len"), QStringLiteral("fixed:512"),
                   QStringLiteral("--output-len"), QStringLiteral("lognormal:400,0.6")},
                  &error);
        QVERIFY2(fixed, qPrintable(error));
        QCOMPARE(*fixed->profile.workload.input, LengthDistribution::fixed(512));
        QCOMPARE(*fixed->profile.workload.output, LengthDistribution::logNormal(400, 0.6));
    }
    void fixedTokensReplaceADistribution() {
        Profile profile = Profile::defaultProfile();
        profile.workload.input = LengthDistribution::uniform(10, 20);
        const QString path = m_dir.filePath(QStringLiteral("p.json"));
        QString error;
        QVERIFY(ProfileIo::save(profile, path, &error));
        const auto inv =
            parse({path, QStringLiteral("--input-tokens"), QStringLiteral("64")}, &error);
        QVERIFY2(inv, qPrintable(error));
        QVERIFY(!inv->profile.workload.input);
        QCOMPARE(inv->profile.prompts.inputTokens, 64);
    }
    void datasetFlags() {
        QString error;
        const auto inv =
            parse({QStringLiteral("--dataset"), dataset(), QStringLiteral("--dataset-format"),
                   QStringLiteral("jsonl"), QStringLiteral("--sample"), QStringLiteral("40")},
                  &error);
        QVERIFY2(inv, qPrintable(error));
        const WorkloadSettings& w = inv->profile.workload;
        QCOMPARE(w.kind, WorkloadSettings::Kind::Dataset);
        QVERIFY(QFileInfo(w.dataset.path).isAbsolute());
        QCOMPARE(w.dataset.format, QStringLiteral("jsonl"));
        QCOMPARE(w.dataset.sample, 40);
        QVERIFY(w.dataset.outputFromReference);
        const auto forced = parse({QStringLiteral("--dataset"), dataset(),
                                   QStringLiteral("--output-len"), QStringLiteral("128")},
                                  &error);
        QVERIFY2(forced, qPrintable(error));
        QVERIFY(!forced->profile.workload.dataset.outputFromReference);
        QCOMPARE(*forced->profile.workload.output, LengthDistribution::fixed(128));
    }
    void sharedPrefix() {
        QString error;
        const auto inv =
            parse({QStringLiteral("--shared-prefix"), QStringLiteral("8:512:0.5")}, &error);
        QVERIFY2(inv, qPrintable(error));
        QCOMPARE(inv->profile.workload.sharedPrefix,
                 (WorkloadSettings::SharedPrefix{true, 8, 512, 0.5}));
        const auto whole =
            parse({QStringLiteral("--shared-prefix"), QStringLiteral("2:64")}, &error);
        QVERIFY2(whole, qPrintable(error));
        QCOMPARE(whole->profile.workload.sharedPrefix.share, 1.0);
    }
    void badValuesNameTheFlag_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString s = QStringLiteral("--shared-prefix");
        QTest::newRow("zero length")
            << QStringList{QStringLiteral("--input-len"), QStringLiteral("fixed:0")}
            << QStringLiteral("--input-len:");
        QTest::newRow("huge length")
            << QStringList{QStringLiteral("--output-len"), QStringLiteral("2000000")}
            << QStringLiteral("--output-len:");
        QTest::newRow("inverted range")
            << QStringList{QStringLiteral("--input-len"), QStringLiteral("uniform:900-100")}
            << QStringLiteral("--input-len:");
        QTest::newRow("unknown kind")
            << QStringList{QStringLiteral("--input-len"), QStringLiteral("zipf:3")}
            << QStringLiteral("--input-len:");
        QTest::newRow("dataset without one")
            << QStringList{QStringLiteral("--output-len"), QStringLiteral("dataset")}
            << QStringLiteral("give the --dataset");
        QTest::newRow("sample alone")
            << QStringList{QStringLiteral("--sample"), QStringLiteral("5")}
            << QStringLiteral("go with --dataset");
        QTest::newRow("sample zero")
            << QStringList{QStringLiteral("--dataset"), QStringLiteral("x.jsonl"),
                           QStringLiteral("--sample"), QStringLiteral("0")}
            << QStringLiteral("--sample:");
        QTest::newRow("format") << QStringList{QStringLiteral("--dataset"),
                                               QStringLiteral("x.jsonl"),
                                               QStringLiteral("--dataset-format"),
                                               QStringLiteral("csv")}
                                << QStringLiteral("--dataset-format:");
        QTest::newRow("prefix shape")
            << QStringList{s, QStringLiteral("8")} << QStringLiteral("GROUPS:TOKENS[:SHARE]");
        QTest::newRow("prefix groups")
            << QStringList{s, QStringLiteral("0:10")} << QStringLiteral("GROUPS must be");
        QTest::newRow("prefix tokens")
            << QStringList{s, QStringLiteral("2:9999999")} << QStringLiteral("TOKENS must be");
        QTest::newRow("prefix share")
            << QStringList{s, QStringLiteral("2:10:1.5")} << QStringLiteral("SHARE must be");
        QTest::newRow("prefix nan")
            << QStringList{s, QStringLiteral("2:10:nan")} << QStringLiteral("SHARE must be");
        QTest::newRow("missing dataset")
            << QStringList{QStringLiteral("--dataset"), QStringLiteral("/nonexistent/d.json")}
            << QStringLiteral("workload.dataset.path: no such file");
    }
    void badValuesNameTheFlag() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }
    void traceFlags() {
        QString error;
        const auto inv = parse({QStringLiteral("--trace"), QStringLiteral("t.jsonl"),
                                QStringLiteral("--trace-speed"), QStringLiteral("2.5"),
                                QStringLiteral("--trace-window"), QStringLiteral("600-900")},
                               &error);
        // The file does not exist: validation names the field, after the flags were read.
        QVERIFY(!inv);
        QVERIFY2(error.contains(u"workload.trace.path: no such file"), qPrintable(error));
        const QString path = dataset(); // any readable file passes validation
        const auto ok =
            parse({QStringLiteral("--trace"), path, QStringLiteral("--trace-speed"),
                   QStringLiteral("2.5"), QStringLiteral("--trace-window"), QStringLiteral("600-")},
                  &error);
        QVERIFY2(ok, qPrintable(error));
        const WorkloadSettings& w = ok->profile.workload;
        QCOMPARE(w.kind, WorkloadSettings::Kind::Trace);
        QCOMPARE(w.trace.speed, 2.5);
        QCOMPARE(w.trace.windowStartS, 600.0);
        QCOMPARE(w.trace.windowEndS, -1.0);
    }
    void badTraceValues_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString t = QStringLiteral("--trace");
        QTest::newRow("speed zero")
            << QStringList{t, QStringLiteral("x"), QStringLiteral("--trace-speed"),
                           QStringLiteral("0")}
            << QStringLiteral("--trace-speed:");
        QTest::newRow("speed huge")
            << QStringList{t, QStringLiteral("x"), QStringLiteral("--trace-speed"),
                           QStringLiteral("1e9")}
            << QStringLiteral("--trace-speed:");
        QTest::newRow("window inverted")
            << QStringList{t, QStringLiteral("x"), QStringLiteral("--trace-window"),
                           QStringLiteral("9-3")}
            << QStringLiteral("--trace-window:");
        QTest::newRow("window text")
            << QStringList{t, QStringLiteral("x"), QStringLiteral("--trace-window"),
                           QStringLiteral("soon")}
            << QStringLiteral("--trace-window:");
        QTest::newRow("speed alone")
            << QStringList{QStringLiteral("--trace-speed"), QStringLiteral("2")}
            << QStringLiteral("go with --trace");
    }
    void badTraceValues() { badValuesNameTheFlag(); }
    void dashRangeIsAccepted() {
        QCOMPARE(WorkloadFlags::normalizedLengthSpec(QStringLiteral("uniform:100-900")),
                 QStringLiteral("uniform:100..900"));
        QCOMPARE(WorkloadFlags::normalizedLengthSpec(QStringLiteral("normal:500,100")),
                 QStringLiteral("normal:500,100"));
    }
};

QTEST_GUILESS_MAIN(TestWorkloadFlags)
#include "tst_workloadflags.moc"
