#include "sweep/clockoffsetprobe.h"

#include <QTest>

// Issue 15: the clock offset from the endpoint's Date header (1 s resolution) and round trips.
class TestClockOffsetProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesHttpDates() {
        QCOMPARE(ClockOffsetProbe::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"),
                 qint64(784111777000));
        QCOMPARE(ClockOffsetProbe::parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), qint64(-1));
        QCOMPARE(ClockOffsetProbe::parseHttpDate(""), qint64(-1));
        QCOMPARE(ClockOffsetProbe::parseHttpDate(QByteArray(5000, 'x')), qint64(-1));
    }
    void theTickBoundsTheOffset() {
        // The server is 1500 ms ahead: its second 101 starts at local 99'500.
        QList<ClockOffsetProbe::Sample> samples;
        for (qint64 local = 99'000; local < 100'400; local += 40) {
            const qint64 server = local + 1 + 1500; // read 1 ms after sending
            samples.append({local, local + 2, server / 1000 * 1000});
        }
        const ClockOffset clock = ClockOffsetProbe::estimate(samples);
        QCOMPARE(clock.source, QStringLiteral("date_tick"));
        QVERIFY2(std::abs(clock.offsetMs - 1500) <= clock.uncertaintyMs,
                 qPrintable(QString::number(clock.offsetMs)));
        QVERIFY(clock.uncertaintyMs <= 25);
    }
    void withoutATickHalfASecond() {
        const ClockOffset clock = ClockOffsetProbe::estimate({{10'000, 10'010, 8'000}});
        QCOMPARE(clock.source, QStringLiteral("date"));
        QCOMPARE(clock.offsetMs, 8'000 + 500 - 10'005.0);
        QCOMPARE(clock.uncertaintyMs, 505.0);
    }
    void noDateNoEstimate() {
        const ClockOffset clock = ClockOffsetProbe::estimate({{10'000, 10'010, -1}});
        QVERIFY(!clock.isKnown());
        QCOMPARE(clock.source, QStringLiteral("none"));
        QVERIFY(!ClockOffsetProbe::estimate({}).isKnown());
    }
};

QTEST_GUILESS_MAIN(TestClockOffsetProbe)
#include "tst_clockoffsetprobe.moc"
