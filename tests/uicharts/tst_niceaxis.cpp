#include "charts/niceaxis.h"

#include <QLogValueAxis>
#include <QTest>
#include <QValueAxis>

class TestNiceAxis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nice_data();
    void nice();
    void appliesToAxis();
    void log2Range();
};

void TestNiceAxis::nice_data() {
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("niceMax");
    QTest::addColumn<double>("step");
    QTest::newRow("throughput") << 0.0 << 8979.6 << 10000.0 << 2000.0;
    QTest::newRow("latency") << 0.0 << 5100.0 << 6000.0 << 2000.0;
    QTest::newRow("small") << 0.0 << 1.1 << 1.25 << 0.25;
    QTest::newRow("exact") << 0.0 << 100.0 << 100.0 << 20.0;
    QTest::newRow("degenerate") << 0.0 << 0.0 << 1.0 << 0.2;
}

void TestNiceAxis::nice() {
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, niceMax);
    QFETCH(double, step);
    const NiceAxis::Range range = NiceAxis::nice(min, max, 5);
    QCOMPARE(range.min, 0.0);
    QCOMPARE(range.max, niceMax);
    QCOMPARE(range.step, step);
}

void TestNiceAxis::appliesToAxis() {
    QValueAxis axis;
    NiceAxis::apply(&axis, 0.0, 8979.6, 5);
    QCOMPARE(axis.max(), 10000.0);
    QCOMPARE(axis.tickInterval(), 2000.0);
    QCOMPARE(axis.tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(axis.labelFormat(), u"%.0f"_qs);
    NiceAxis::apply(&axis, 0.0, 1.1, 5);
    QCOMPARE(axis.labelFormat(), u"%.2f"_qs);
}

void TestNiceAxis::log2Range() {
    QLogValueAxis axis;
    axis.setBase(2.0);
    NiceAxis::applyLog2(&axis, 1.0, 128.0);
    QVERIFY(axis.min() < 1.0 && axis.min() > 0.5);
    QVERIFY(axis.max() > 128.0 && axis.max() < 256.0);
    NiceAxis::applyLog2(&axis, 3.0, 100.0);
    QCOMPARE(axis.min(), 2.0);
    QCOMPARE(axis.max(), 128.0);
}

QTEST_MAIN(TestNiceAxis)
#include "tst_niceaxis.moc"
