#include "cli/listspec.h"

#include <QTest>

class TestListSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void concurrencies_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("list") << "1,2,4" << QList<int>{1, 2, 4};
        QTest::newRow("spaces") << " 8 , 16 " << QList<int>{8, 16};
        QTest::newRow("single") << "96" << QList<int>{96};
        QTest::newRow("doubling") << "1..16" << QList<int>{1, 2, 4, 8, 16};
        QTest::newRow("range end kept") << "3..20" << QList<int>{3, 6, 12, 20};
        QTest::newRow("range of one") << "5..5" << QList<int>{5};
        QTest::newRow("mixed") << "1..4,100" << QList<int>{1, 2, 4, 100};
    }
    void concurrencies() {
        QFETCH(QString, text);
        QFETCH(QList<int>, expected);
        QString error;
        const auto list = ListSpec::parseConcurrencies(text, &error);
        QVERIFY2(list.has_value(), qPrintable(error));
        QCOMPARE(*list, expected);
    }
    void badConcurrencies_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("word") << "abc";
        QTest::newRow("zero") << "0,1";
        QTest::newRow("negative") << "-4";
        QTest::newRow("fraction") << "1.5";
        QTest::newRow("empty") << ",";
        QTest::newRow("backwards range") << "16..4";
        QTest::newRow("empty item") << "1,,2";
        QTest::newRow("trailing comma") << "1,2,";
        QTest::newRow("leading comma") << ",4";
        QTest::newRow("blank item") << "1, ,2";
        QTest::newRow("too high") << "20000";
        QTest::newRow("range too high") << "1..100000";
        QTest::newRow("not a number") << "nan";
        QTest::newRow("nothing") << "";
        QTest::newRow("too many")
            << "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,"
               "28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,"
               "51,52,53,54,55,56,57,58,59,60,61,62,63,64,65";
    }
    void badConcurrencies() {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!ListSpec::parseConcurrencies(text, &error).has_value());
        QVERIFY2(error.startsWith(QLatin1String("--concurrency")), qPrintable(error));
    }
    void saysWhyAListIsRefused() {
        QString error;
        QVERIFY(!ListSpec::parseConcurrencies(QStringLiteral("1,,2"), &error));
        QVERIFY2(error.contains(QLatin1String("empty item")), qPrintable(error));
        QVERIFY(!ListSpec::parseConcurrencies(QStringLiteral("1..100000"), &error));
        QVERIFY2(error.contains(QLatin1String("at most 10000")), qPrintable(error));
        QVERIFY(!ListSpec::parseRates(QStringLiteral("nan"), &error));
        QVERIFY2(error.contains(QLatin1String("not a number")), qPrintable(error));
        QVERIFY(!ListSpec::parseRates(QStringLiteral("5,,10"), &error));
        QVERIFY2(error.contains(QLatin1String("empty item")), qPrintable(error));
        QVERIFY(!ListSpec::parseRates(QStringLiteral("1e6"), &error));
        QVERIFY2(error.contains(QLatin1String("at most 100000")), qPrintable(error));
        // The largest allowed level and the range's end are accepted.
        const auto top = ListSpec::parseConcurrencies(QStringLiteral("5000..10000"), &error);
        QVERIFY2(top.has_value(), qPrintable(error));
        QCOMPARE(*top, (QList<int>{5000, 10000}));
    }
    void rates() {
        QString error;
        const auto list = ListSpec::parseRates(QStringLiteral("0.5, 5,20"), &error);
        QVERIFY2(list.has_value(), qPrintable(error));
        QCOMPARE(*list, (QList<double>{0.5, 5.0, 20.0}));
        QVERIFY(!ListSpec::parseRates(QStringLiteral("5,0"), &error).has_value());
        QVERIFY(error.contains(QLatin1String("\"0\"")));
        QVERIFY(!ListSpec::parseRates(QStringLiteral("fast"), &error).has_value());
    }
    // Issue 14: --batch-size takes one size or a list to sweep, each 1-2048, at most 16.
    void batchSizes() {
        QString error;
        auto list = ListSpec::parseBatchSizes(QStringLiteral("8"), &error);
        QVERIFY2(list.has_value(), qPrintable(error));
        QCOMPARE(*list, (QList<int>{8}));
        list = ListSpec::parseBatchSizes(QStringLiteral("1, 8,2048"), &error);
        QVERIFY2(list.has_value(), qPrintable(error));
        QCOMPARE(*list, (QList<int>{1, 8, 2048}));
        QVERIFY(!ListSpec::parseBatchSizes(QStringLiteral("1,2049"), &error));
        QVERIFY2(error.contains(QLatin1String("--batch-size: \"2049\" must be at most 2048")),
                 qPrintable(error));
        QVERIFY(!ListSpec::parseBatchSizes(QStringLiteral("1,,8"), &error));
        QVERIFY2(error.contains(QLatin1String("empty item")), qPrintable(error));
        QVERIFY(!ListSpec::parseBatchSizes(QStringLiteral("1.5"), &error));
        QVERIFY2(error.contains(QLatin1String("whole number")), qPrintable(error));
        QVERIFY(!ListSpec::parseBatchSizes(
            QStringLiteral("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17"), &error));
        QVERIFY2(error.contains(QLatin1String("17 batch sizes")) &&
                     error.contains(QLatin1String("at most 16")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestListSpec)
#include "tst_listspec.moc"
