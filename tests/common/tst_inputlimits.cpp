#include "common/inputlimits.h"

#include <QTest>
#include <limits>

using Field = InputLimits::Field;
Q_DECLARE_METATYPE(Field)

class TestInputLimits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void check_data() {
        QTest::addColumn<Field>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message"); // empty: accepted
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("threads ok") << Field::ClientThreads << 64.0 << QString();
        QTest::newRow("threads too many")
            << Field::ClientThreads << 100000.0 << QStringLiteral("must be at most 64");
        QTest::newRow("threads zero")
            << Field::ClientThreads << 0.0 << QStringLiteral("must be greater than 0");
        QTest::newRow("concurrency ok") << Field::ConcurrencyLevel << 10000.0 << QString();
        QTest::newRow("concurrency too high")
            << Field::ConcurrencyLevel << 10001.0 << QStringLiteral("must be at most 10000");
        QTest::newRow("concurrency fraction")
            << Field::ConcurrencyLevel << 1.5 << QStringLiteral("must be a whole number");
        QTest::newRow("duration nan")
            << Field::DurationPerLevelS << nan << QStringLiteral("is not a number");
        QTest::newRow("duration inf")
            << Field::DurationPerLevelS << inf << QStringLiteral("is not a number");
        QTest::newRow("duration negative")
            << Field::DurationPerLevelS << -1.0 << QStringLiteral("must not be negative");
        QTest::newRow("duration 8 days") << Field::DurationPerLevelS << 8 * 86400.0
                                         << QStringLiteral("must be between 0 and 604800");
        QTest::newRow("rate too high") << Field::Rate << 1e6 << QStringLiteral("must be at most");
        QTest::newRow("rate zero")
            << Field::Rate << 0.0 << QStringLiteral("must be greater than 0");
        QTest::newRow("error rate")
            << Field::MaxErrorRate << 1.5 << QStringLiteral("must be between 0 and 1");
        QTest::newRow("timeout a year")
            << Field::TimeoutS << 365 * 86400.0 << QStringLiteral("must be at most 86400");
        QTest::newRow("tokens") << Field::OutputTokens << 2e6
                                << QStringLiteral("must be at most 1000000");
    }
    void check() {
        QFETCH(Field, field);
        QFETCH(double, value);
        QFETCH(QString, message);
        const QString why = InputLimits::check(field, value);
        if (message.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.startsWith(message), qPrintable(why));
    }
    void parse() {
        QString why;
        QCOMPARE(InputLimits::parse(Field::TimeoutS, QStringLiteral(" 2.5 "), &why), 2.5);
        for (const char* text : {"nan", "NaN", "inf", "-inf", "soon", "", "1e400"}) {
            QVERIFY2(!InputLimits::parse(Field::DurationPerLevelS, QString::fromLatin1(text), &why),
                     text);
            QCOMPARE(why, QStringLiteral("is not a number"));
        }
    }
    void seed() {
        QString why;
        QCOMPARE(InputLimits::parseSeed(QStringLiteral("18446744073709551615"), &why),
                 std::optional<quint64>(std::numeric_limits<quint64>::max()));
        QCOMPARE(InputLimits::parseSeed(QStringLiteral("0"), &why), std::optional<quint64>(0));
        QVERIFY(!InputLimits::parseSeed(QStringLiteral("-1"), &why));
        QVERIFY2(why.startsWith(u"must be 0 or more"), qPrintable(why));
        QVERIFY(!InputLimits::parseSeed(QStringLiteral("18446744073709551616"), &why));
        QVERIFY2(why.startsWith(u"is too large"), qPrintable(why));
        QVERIFY(!InputLimits::parseSeed(QStringLiteral("12abc"), &why));
        QCOMPARE(why, QStringLiteral("is not a whole number"));
    }
};

QTEST_GUILESS_MAIN(TestInputLimits)
#include "tst_inputlimits.moc"
