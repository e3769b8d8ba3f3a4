#include "editors/levellistparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstLevelListParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void integers_data();
    void integers();
    void numbers_data();
    void numbers();
    void formatRoundTrips();
    void powersOfTwo();
};

void TstLevelListParser::integers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QString>("error"); // part of the message, "" = none
    QTest::newRow("commas") << u"1, 2, 4"_s << QList<int>{1, 2, 4} << QString();
    QTest::newRow("spaces") << u" 1 2  4 "_s << QList<int>{1, 2, 4} << QString();
    QTest::newRow("semicolons") << u"8;16"_s << QList<int>{8, 16} << QString();
    QTest::newRow("trailing") << u"1,2,"_s << QList<int>{1, 2} << QString();
    QTest::newRow("unsorted kept") << u"4 1 2"_s << QList<int>{4, 1, 2} << QString();
    QTest::newRow("word") << u"1, two"_s << QList<int>{} << u"\"two\" is not a whole number"_s;
    QTest::newRow("decimal") << u"1.5"_s << QList<int>{} << u"not a whole number"_s;
    QTest::newRow("zero") << u"0 1"_s << QList<int>{} << u"must be 1 or more (got 0)"_s;
    QTest::newRow("negative") << u"-4"_s << QList<int>{} << u"must be 1 or more (got -4)"_s;
    QTest::newRow("empty") << u"  "_s << QList<int>{} << u"needs at least one level"_s;
}

void TstLevelListParser::integers() {
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);
    QFETCH(QString, error);
    QString actualError = u"stale"_s;
    QCOMPARE(LevelListParser::parseIntegers(text, &actualError), expected);
    if (error.isEmpty())
        QCOMPARE(actualError, QString());
    else
        QVERIFY2(actualError.contains(error), qPrintable(actualError));
}

void TstLevelListParser::numbers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<double>>("expected");
    QTest::addColumn<QString>("error");
    QTest::newRow("decimals") << u"0.5, 1, 2.5"_s << QList<double>{0.5, 1, 2.5} << QString();
    QTest::newRow("zero") << u"0"_s << QList<double>{} << u"must be above 0"_s;
    QTest::newRow("word") << u"fast"_s << QList<double>{} << u"\"fast\" is not a number"_s;
    QTest::newRow("empty") << QString() << QList<double>{} << u"needs at least one rate"_s;
}

void TstLevelListParser::numbers() {
    QFETCH(QString, text);
    QFETCH(QList<double>, expected);
    QFETCH(QString, error);
    QString actualError;
    QCOMPARE(LevelListParser::parseNumbers(text, &actualError), expected);
    QVERIFY2(error.isEmpty() ? actualError.isEmpty() : actualError.contains(error),
             qPrintable(actualError));
}

void TstLevelListParser::formatRoundTrips() {
    const QList<int> levels{1, 3, 96, 1024};
    QString error;
    QCOMPARE(LevelListParser::format(levels), u"1, 3, 96, 1024"_s);
    QCOMPARE(LevelListParser::parseIntegers(LevelListParser::format(levels), &error), levels);
    const QList<double> rates{0.25, 1, 12.125};
    QCOMPARE(LevelListParser::parseNumbers(LevelListParser::format(rates), &error), rates);
}

void TstLevelListParser::powersOfTwo() {
    QCOMPARE(LevelListParser::powersOfTwo(64), (QList<int>{1, 2, 4, 8, 16, 32, 64}));
    QCOMPARE(LevelListParser::powersOfTwo(1), (QList<int>{1}));
    QCOMPARE(LevelListParser::powersOfTwo(100).last(), 64);
}

QTEST_GUILESS_MAIN(TstLevelListParser)
#include "tst_levellistparser.moc"
