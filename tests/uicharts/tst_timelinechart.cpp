#include "charts/timelinechart.h"

#include <QLineSeries>
#include <QTest>

class TestTimelineChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsTokensAndStepsOfInFlight();
    void clearSaysWhy();
};

void TestTimelineChart::drawsTokensAndStepsOfInFlight() {
    TimelineChart chart;
    QList<RunProgress::TimelinePoint> points;
    for (int s = 1; s <= 5; ++s)
        points.append({double(s), 100.0 * s, s * 2});
    chart.setTimeline(u"c=16"_qs, points, true);
    QVERIFY(chart.title().contains(u"c=16"_qs));
    QVERIFY(chart.title().contains(u"running"_qs));
    QCOMPARE(chart.tokensSeries()->count(), 5);
    QCOMPARE(chart.tokensSeries()->at(4), QPointF(5.0, 500.0));
    // Each second's in-flight count is a flat step from the previous second to this one.
    QCOMPARE(chart.inFlightSeries()->count(), 10);
    QCOMPARE(chart.inFlightSeries()->at(0), QPointF(0.0, 2.0));
    QCOMPARE(chart.inFlightSeries()->at(1), QPointF(1.0, 2.0));
    QCOMPARE(chart.inFlightSeries()->at(2), QPointF(1.0, 4.0));
}

void TestTimelineChart::clearSaysWhy() {
    TimelineChart chart;
    chart.setTimeline(u"c=1"_qs, {{1.0, 10.0, 1}}, false);
    chart.clearTimeline(u"nothing yet"_qs);
    QCOMPARE(chart.tokensSeries()->count(), 0);
    QCOMPARE(chart.inFlightSeries()->count(), 0);
    QVERIFY(chart.title().contains(u"nothing yet"_qs));
}

QTEST_MAIN(TestTimelineChart)
#include "tst_timelinechart.moc"
