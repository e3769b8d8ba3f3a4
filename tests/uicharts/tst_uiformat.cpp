#include "models/uiformat.h"

#include <QTest>

#include <limits>

class TestUiFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void number_data();
    void number();
    void milliseconds_data();
    void milliseconds();
    void others();
};

void TestUiFormat::number_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("significant");
    QTest::addColumn<QString>("text");
    QTest::newRow("grouping") << 6134.0 << 3 << u"6,130"_qs;
    QTest::newRow("approx") << 7893.0 << 2 << u"7,900"_qs;
    QTest::newRow("decimals") << 4.236 << 3 << u"4.24"_qs;
    QTest::newRow("trailing zero") << 4.2 << 3 << u"4.2"_qs;
    QTest::newRow("integer") << 5.0 << 3 << u"5"_qs;
    QTest::newRow("small") << 0.0123 << 2 << u"0.012"_qs;
    QTest::newRow("zero") << 0.0 << 3 << u"0"_qs;
    QTest::newRow("negative") << -1234.0 << 2 << u"-1,200"_qs;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 3 << u"—"_qs;
}

void TestUiFormat::number() {
    QFETCH(double, value);
    QFETCH(int, significant);
    QFETCH(QString, text);
    QCOMPARE(UiFormat::number(value, significant), text);
}

void TestUiFormat::milliseconds_data() {
    QTest::addColumn<double>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("sub-ms") << 0.456 << u"0.46 ms"_qs;
    QTest::newRow("few") << 4.23 << u"4.2 ms"_qs;
    QTest::newRow("tens") << 42.37 << u"42.4 ms"_qs;
    QTest::newRow("hundreds") << 410.4 << u"410 ms"_qs;
    QTest::newRow("thousands") << 2359.6 << u"2,360 ms"_qs;
    QTest::newRow("seconds") << 12345.0 << u"12.3 s"_qs;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << u"—"_qs;
}

void TestUiFormat::milliseconds() {
    QFETCH(double, ms);
    QFETCH(QString, text);
    QCOMPARE(UiFormat::ms(ms), text);
}

void TestUiFormat::others() {
    QCOMPARE(UiFormat::tps(8163.3), u"8,160 tok/s"_qs);
    QCOMPARE(UiFormat::percent(0.00588), u"0.59%"_qs);
    QCOMPARE(UiFormat::integer(1280), u"1,280"_qs);
}

QTEST_GUILESS_MAIN(TestUiFormat)
#include "tst_uiformat.moc"
