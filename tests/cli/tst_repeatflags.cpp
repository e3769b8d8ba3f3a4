#include "cli/betweenrunstable.h"
#include "cli/clioptions.h"
#include "cli/progressprinter.h"
#include "cli/recovercommand.h"
#include "cli/summarytable.h"
#include "profile/profileio.h"
#include "profile/profilevalidator.h"
#include "results/repeatedrun.h"

#include <QJsonObject>
#include <QTest>

// `--repeat N` (issue 13): its bounds on the command line and in a profile, the progress
// line's "repeat 2/3", the summary's between-run table and recover's journals.
class TestRepeatFlags : public QObject {
    Q_OBJECT
private:
    static RunResult repetition(double tps) {
        RunResult r;
        LevelSummary l;
        l.index = 0;
        l.concurrency = 4;
        l.complete = true;
        l.requests = l.successes = 10;
        l.outputThroughputTps = tps;
        l.ttftMs.p95 = tps / 10.0;
        r.summary.levels = {l};
        r.summary.plateau.plateauTps = tps;
        r.summary.plateau.plateauLevel = 0;
        LevelRunInfo info;
        info.concurrency = 4;
        info.complete = true;
        r.levels = {info};
        r.stopReason = StopReason::Completed;
        return r;
    }

private Q_SLOTS:
    void repeatSetsThePlan() {
        QString error;
        const auto inv =
            CliOptions::parseRun({QStringLiteral("--repeat"), QStringLiteral("3")}, &error);
        QVERIFY2(inv, qPrintable(error));
        QCOMPARE(inv->profile.plan.repeat, 3);
        QCOMPARE(CliOptions::parseRun({}, &error)->profile.plan.repeat, 1);
        const auto most =
            CliOptions::parseRun({QStringLiteral("--repeat"), QStringLiteral("50")}, &error);
        QVERIFY2(most, qPrintable(error));
    }

    void badRepeatsAreOneLineNamingTheFlag_data() {
        QTest::addColumn<QString>("value");
        QTest::newRow("zero") << QStringLiteral("0");
        QTest::newRow("too many") << QStringLiteral("51");
        QTest::newRow("negative") << QStringLiteral("-2");
        QTest::newRow("text") << QStringLiteral("thrice");
        QTest::newRow("fraction") << QStringLiteral("2.5");
        QTest::newRow("huge") << QStringLiteral("99999999999999999999");
    }
    void badRepeatsAreOneLineNamingTheFlag() {
        QFETCH(QString, value);
        QString error;
        QVERIFY(!CliOptions::parseRun({QStringLiteral("--repeat"), value}, &error));
        QVERIFY2(error.startsWith(QLatin1String("--repeat: ")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("1..50")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    // plan.repeat in a profile: written only when not 1, read back, bounded by the validator
    // and by the reader.
    void profileFieldIsBounded() {
        Profile profile = Profile::defaultProfile();
        QVERIFY(!ProfileIo::toJson(profile).value(u"plan").toObject().contains(u"repeat"));
        profile.plan.repeat = 7;
        const QJsonObject json = ProfileIo::toJson(profile);
        QCOMPARE(json.value(u"plan").toObject().value(u"repeat").toInt(), 7);
        QString error;
        const auto back = ProfileIo::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->plan.repeat, 7);
        QVERIFY(ProfileValidator::validate(profile).isEmpty());
        profile.plan.repeat = 51;
        const QList<ValidationIssue> issues = ProfileValidator::validate(profile);
        QCOMPARE(issues.size(), qsizetype(1));
        QCOMPARE(issues.constFirst().field, QStringLiteral("plan.repeat"));
        QJsonObject plan = json.value(u"plan").toObject();
        plan.insert(QStringLiteral("repeat"), 0);
        QJsonObject bad = json;
        bad.insert(QStringLiteral("plan"), plan);
        QVERIFY(!ProfileIo::fromJson(bad, &error));
        QVERIFY2(error.contains(QLatin1String("plan.repeat")), qPrintable(error));
    }

    void progressLineNamesTheRepetition() {
        RunProgress p;
        p.running = true;
        p.levelIndex = 0;
        p.levelCount = 2;
        p.levelLabel = QStringLiteral("c=4");
        QVERIFY(!ProgressPrinter::format(p).contains(QLatin1String("repeat")));
        p.repetition = 2;
        p.repetitions = 3;
        QVERIFY2(ProgressPrinter::format(p).startsWith(QLatin1String("repeat 2/3 | level 1/2 c=4")),
                 qPrintable(ProgressPrinter::format(p)));
    }

    // Mean 110 over 100, 110, 120: s = 10, t(0.975, 2) = 4.303 -> "110 ±25".
    void summaryShowsTheBetweenRunTable() {
        const RunResult combined =
            RepeatedRun::combine({repetition(100), repetition(110), repetition(120)});
        const QString text = SummaryTable::render(combined);
        QVERIFY2(text.startsWith(QLatin1String("Run 1 of 3:\n")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Between 3 runs")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("110 ±25")), qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("Plateau between runs: ~110 ± 25 tok/s over 3 run(s)")),
            qPrintable(text));
        QVERIFY(!SummaryTable::render(repetition(100)).contains(QLatin1String("Between")));
        QVERIFY(BetweenRunsTable::render(repetition(100)).isEmpty());
    }

    void recoverTakesEveryRepetitionsJournal() {
        QString error;
        const auto inv =
            RecoverCommand::parse({QStringLiteral("a.jsonl"), QStringLiteral("a.rep2.jsonl"),
                                   QStringLiteral("a.rep3.jsonl")},
                                  &error);
        QVERIFY2(inv, qPrintable(error));
        QCOMPARE(inv->journalPath, QStringLiteral("a.jsonl"));
        QCOMPARE(inv->repeatJournals.size(), qsizetype(2));
        QStringList tooMany;
        for (int i = 0; i < 51; ++i)
            tooMany << QStringLiteral("j%1.jsonl").arg(i);
        QVERIFY(!RecoverCommand::parse(tooMany, &error));
        QVERIFY(!RecoverCommand::parse({}, &error));
    }
};

QTEST_GUILESS_MAIN(TestRepeatFlags)
#include "tst_repeatflags.moc"
