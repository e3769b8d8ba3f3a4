#include "cli/clioptions.h"
#include "cli/progressprinter.h"

#include <QTest>

// The "until stable" flags of `plateau-cli run` (issue 13): what each sets in the plan, a
// one-line error naming the flag for every bad value, and the progress line's readout.
class TestStabilityFlags : public QObject {
    Q_OBJECT
private:
    static std::optional<RunInvocation> parse(const QStringList& args, QString* error) {
        return CliOptions::parseRun(args, error);
    }

private Q_SLOTS:
    void bareFlagTakesTheDefaults() {
        QString error;
        const auto inv = parse({QStringLiteral("--until-stable")}, &error);
        QVERIFY2(inv, qPrintable(error));
        SweepPlan::UntilStable expected;
        expected.enabled = true;
        QCOMPARE(inv->profile.plan.untilStable, expected);
        QVERIFY(!parse({}, &error)->profile.plan.untilStable.enabled);
    }

    void eachFlagSetsItsPart() {
        QString error;
        const auto inv = parse({QStringLiteral("--stable-within"), QStringLiteral("3%,10%"),
                                QStringLiteral("--stable-latency"), QStringLiteral("e2e:p99"),
                                QStringLiteral("--level-time"), QStringLiteral("5-90")},
                               &error);
        QVERIFY2(inv, qPrintable(error));
        const SweepPlan::UntilStable& u = inv->profile.plan.untilStable;
        QVERIFY(u.enabled); // any of them switches the mode on
        QCOMPARE(u.throughputHalfWidth, 0.03);
        QCOMPARE(u.latencyHalfWidth, 0.10);
        QCOMPARE(u.metric, LatencyMetric::E2e);
        QCOMPARE(u.stat, LatencyStat::P99);
        QCOMPARE(u.minSeconds, 5.0);
        QCOMPARE(u.maxSeconds, 90.0);
        const auto fraction =
            parse({QStringLiteral("--stable-within"), QStringLiteral("0.05")}, &error);
        QVERIFY2(fraction, qPrintable(error));
        QCOMPARE(fraction->profile.plan.untilStable.throughputHalfWidth, 0.05);
        QCOMPARE(fraction->profile.plan.untilStable.latencyHalfWidth, 0.05); // the default
        const auto dotted =
            parse({QStringLiteral("--stable-latency"), QStringLiteral("TPOT.p50")}, &error);
        QVERIFY2(dotted, qPrintable(error));
        QCOMPARE(dotted->profile.plan.untilStable.metric, LatencyMetric::Tpot);
    }

    void badValuesAreOneLineNamingTheFlag_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("flag");
        QTest::newRow("within zero")
            << QStringList{QStringLiteral("--stable-within"), QStringLiteral("0%")}
            << QStringLiteral("--stable-within");
        QTest::newRow("within text")
            << QStringList{QStringLiteral("--stable-within"), QStringLiteral("tight")}
            << QStringLiteral("--stable-within");
        QTest::newRow("within three")
            << QStringList{QStringLiteral("--stable-within"), QStringLiteral("1%,2%,3%")}
            << QStringLiteral("--stable-within");
        QTest::newRow("metric") << QStringList{QStringLiteral("--stable-latency"),
                                               QStringLiteral("itl:p95")}
                                << QStringLiteral("--stable-latency");
        QTest::newRow("stat") << QStringList{QStringLiteral("--stable-latency"),
                                             QStringLiteral("ttft:max")}
                              << QStringLiteral("--stable-latency");
        QTest::newRow("time reversed")
            << QStringList{QStringLiteral("--level-time"), QStringLiteral("60-10")}
            << QStringLiteral("--level-time");
        QTest::newRow("time too long")
            << QStringList{QStringLiteral("--level-time"), QStringLiteral("10-9999999")}
            << QStringLiteral("--level-time");
        QTest::newRow("with a duration")
            << QStringList{QStringLiteral("--until-stable"), QStringLiteral("--duration-per-level"),
                           QStringLiteral("5")}
            << QStringLiteral("--duration-per-level");
        QTest::newRow("with a count")
            << QStringList{QStringLiteral("--level-time"), QStringLiteral("1-5"),
                           QStringLiteral("-n"), QStringLiteral("50")}
            << QStringLiteral("--requests-per-level");
        QTest::newRow("escaped") << QStringList{QStringLiteral("--stable-latency"),
                                                QStringLiteral("\x1b[31mred")}
                                 << QStringLiteral("--stable-latency");
    }
    void badValuesAreOneLineNamingTheFlag() {
        QFETCH(QStringList, args);
        QFETCH(QString, flag);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(flag), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(!error.contains(QChar(0x1b)));
    }

    void progressLineShowsWhereTheLevelStands() {
        RunProgress p;
        p.running = true;
        p.levelIndex = 0;
        p.levelCount = 2;
        p.levelLabel = QStringLiteral("c=8");
        p.stability = {true, 0.031, qQNaN(), 0.02, 0.05, QStringLiteral("TTFT p95"), 12.0};
        const QString line = ProgressPrinter::format(p);
        QVERIFY2(line.contains(QStringLiteral("tok/s +-3.1% (2.0%)")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("TTFT p95 +-? (5.0%)")), qPrintable(line));
        p.stability.active = false;
        QVERIFY(!ProgressPrinter::format(p).contains(QStringLiteral("TTFT p95")));
    }
};

QTEST_GUILESS_MAIN(TestStabilityFlags)
#include "tst_stabilityflags.moc"
