// StopReasons: the strings results files and journals have always carried (they must never
// change), the way back from them, and a sentence for every reason a person can meet.
#include "results/stopreason.h"

#include <QTest>

class TestStopReason : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keysAreTheFilesStrings_data();
    void keysAreTheFilesStrings();
    void anUnknownStringIsNoReason();
    void userText();
};

void TestStopReason::keysAreTheFilesStrings_data() {
    QTest::addColumn<StopReason>("reason");
    QTest::addColumn<QString>("key");
    QTest::newRow("completed") << StopReason::Completed << QStringLiteral("completed");
    QTest::newRow("cancelled") << StopReason::Cancelled << QStringLiteral("cancelled");
    QTest::newRow("plateau") << StopReason::Plateau << QStringLiteral("plateau");
    QTest::newRow("budget") << StopReason::BudgetExceeded << QStringLiteral("budget_exceeded");
    QTest::newRow("errors") << StopReason::ErrorRate << QStringLiteral("error_rate");
    QTest::newRow("unreachable") << StopReason::Unreachable << QStringLiteral("unreachable");
    QTest::newRow("invalid") << StopReason::InvalidProfile << QStringLiteral("invalid_profile");
    QTest::newRow("error") << StopReason::Error << QStringLiteral("error");
    QTest::newRow("interrupted") << StopReason::Interrupted << QStringLiteral("interrupted");
    QTest::newRow("none") << StopReason::None << QString();
}

void TestStopReason::keysAreTheFilesStrings() {
    QFETCH(StopReason, reason);
    QFETCH(QString, key);
    QCOMPARE(StopReasons::key(reason), key);
    bool known = false;
    QVERIFY(StopReasons::fromKey(key, &known) == reason);
    QCOMPARE(known, reason != StopReason::None);
}

void TestStopReason::anUnknownStringIsNoReason() {
    bool known = true;
    QVERIFY(StopReasons::fromKey(QStringLiteral("Completed"), &known) == StopReason::None);
    QVERIFY(!known);
    QVERIFY(StopReasons::fromKey(QStringLiteral("stopped_by_a_future_rule")) == StopReason::None);
}

void TestStopReason::userText() {
    QVERIFY(StopReasons::userText(StopReason::Completed).isEmpty());
    QVERIFY(StopReasons::userText(StopReason::None).isEmpty());
    for (StopReason reason :
         {StopReason::Cancelled, StopReason::Plateau, StopReason::BudgetExceeded,
          StopReason::ErrorRate, StopReason::Unreachable, StopReason::InvalidProfile,
          StopReason::Error, StopReason::Interrupted}) {
        const QString text = StopReasons::userText(reason);
        QVERIFY2(text.endsWith(QLatin1Char('.')), qPrintable(text));  // one whole sentence
        QVERIFY2(!text.contains(QLatin1Char('_')), qPrintable(text)); // never a file key
    }
    QCOMPARE(StopReasons::userText(StopReason::Plateau),
             QStringLiteral("The sweep stopped early once throughput had plateaued."));
}

QTEST_GUILESS_MAIN(TestStopReason)
#include "tst_stopreason.moc"
