#include "cli/numberformat.h"

#include <QTest>
#include <limits>

class TestNumberFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formats_data() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("count grouped") << "count" << 7912.4 << "7,912";
        QTest::newRow("count nan") << "count" << nan << "-";
        QTest::newRow("ms small") << "ms" << 4.26 << "4.3";
        QTest::newRow("ms large") << "ms" << 10512.0 << "10,512";
        QTest::newRow("approx thousands") << "approx" << 7912.0 << "~7,900";
        QTest::newRow("approx tens of thousands") << "approx" << 12345.0 << "~12,000";
        QTest::newRow("approx hundreds") << "approx" << 856.0 << "~860";
        QTest::newRow("approx small") << "approx" << 42.4 << "~42";
        QTest::newRow("duration") << "duration" << 42.0 << "0:42";
        QTest::newRow("duration minutes") << "duration" << 725.0 << "12:05";
        QTest::newRow("duration hours") << "duration" << 3723.0 << "1:02:03";
        QTest::newRow("duration unknown") << "duration" << -1.0 << "?";
    }
    void formats() {
        QFETCH(QString, kind);
        QFETCH(double, value);
        QFETCH(QString, expected);
        QString got;
        if (kind == QLatin1String("count"))
            got = NumberFormat::count(value);
        else if (kind == QLatin1String("ms"))
            got = NumberFormat::ms(value);
        else if (kind == QLatin1String("approx"))
            got = NumberFormat::approx(value);
        else
            got = NumberFormat::duration(value);
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestNumberFormat)
#include "tst_numberformat.moc"
