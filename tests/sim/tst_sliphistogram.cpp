#include "sim/sliphistogram.h"

#include <QTest>

class TestSlipHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void empty();
    void percentilesNeverFlatter();
    void negativeAndOverflow();
};

void TestSlipHistogram::empty() {
    SlipHistogram h;
    QCOMPARE(h.count(), 0);
    QCOMPARE(h.percentileMs(99), 0.0);
}

void TestSlipHistogram::percentilesNeverFlatter() {
    SlipHistogram h;
    for (int i = 1; i <= 1000; ++i)
        h.add(qint64(i) * 1000); // 1 µs .. 1 ms
    QCOMPARE(h.count(), 1000);
    // Reported at the bin's upper edge (5 µs bins): at or just above the true value.
    const double p50 = h.percentileMs(50);
    QVERIFY2(p50 >= 0.5 && p50 <= 0.505, qPrintable(QString::number(p50)));
    const double p99 = h.percentileMs(99);
    QVERIFY2(p99 >= 0.99 && p99 <= 0.995, qPrintable(QString::number(p99)));
    QCOMPARE(h.percentileMs(100), 1.0);
    QCOMPARE(h.maxMs(), 1.0);
    h.clear();
    QCOMPARE(h.count(), 0);
    QCOMPARE(h.maxMs(), 0.0);
}

void TestSlipHistogram::negativeAndOverflow() {
    SlipHistogram h;
    h.add(-5000);                         // early by a hair: on time
    h.add(qint64(5e9));                   // 5 s: beyond the last bin
    QVERIFY(h.percentileMs(50) <= 0.005); // the first bin's upper edge
    QCOMPARE(h.percentileMs(100), 5000.0);
}

QTEST_GUILESS_MAIN(TestSlipHistogram)
#include "tst_sliphistogram.moc"
