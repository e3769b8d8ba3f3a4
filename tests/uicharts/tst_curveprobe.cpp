#include "charts/curveprobe.h"

#include <QTest>

// "Measure c=N here": a place on the curve between two levels reads as the load at the same
// fraction of the way; off the curve, or on a measured level, there is nothing to measure.
class TestCurveProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fractionOfTheWayBetweenLevels() {
        // c=16 at (100, 300), c=32 at (200, 100) in pixels; 40% of the way is c=22.4 -> 22.
        const QList<QPointF> points{{0, 400}, {100, 300}, {200, 100}};
        const QList<double> loads{8, 16, 32};
        const std::optional<double> load =
            CurveProbe::loadAt(points, loads, QPointF(140, 220) + QPointF(4, 2), true);
        QVERIFY(load);
        QCOMPARE(*load, 22.0);
        // A rate sweep keeps the fraction.
        const std::optional<double> rate =
            CurveProbe::loadAt(points, {1.0, 2.0, 4.0}, QPointF(150, 200), false);
        QVERIFY(rate);
        QVERIFY(qAbs(*rate - 3.0) < 1e-9);
    }

    void nothingOffTheCurveOrOnALevel() {
        const QList<QPointF> points{{0, 400}, {100, 300}, {200, 100}};
        const QList<double> loads{8, 16, 32};
        QVERIFY(!CurveProbe::loadAt(points, loads, QPointF(150, 300), true)); // 45 px away
        QVERIFY(!CurveProbe::loadAt(points, loads, QPointF(101, 299), true)); // c=16 itself
        QVERIFY(!CurveProbe::loadAt({{0, 0}}, {4}, QPointF(0, 0), true));     // one level
        // Neighbours one apart: every place rounds to a measured level.
        QVERIFY(!CurveProbe::loadAt({{0, 0}, {100, 0}}, {4, 5}, QPointF(50, 0), true));
    }
};

QTEST_MAIN(TestCurveProbe)
#include "tst_curveprobe.moc"
