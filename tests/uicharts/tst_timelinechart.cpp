#include "charts/timelinechart.h"

#include "charts/chartexporter.h"
#include "models/runpalette.h"

#include <QChartView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

class TestTimelineChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsTokensAndStepsOfInFlight();
    void clearSaysWhy();
    void serverLinesShareTheTimeAxis();
    void exportedImageCarriesTheServerLines();
};

namespace {
bool inLegend(QChart& chart, QLineSeries* series) {
    const QList<QLegendMarker*> markers = chart.legend()->markers(series);
    return !markers.isEmpty() && markers.first()->isVisible();
}
} // namespace

// Issue 12: the server's lines join the client's on the same axes (tok/s left, counts right,
// KV % on an axis of its own) with legend entries; a level without them hides them all.
void TestTimelineChart::serverLinesShareTheTimeAxis() {
    auto* owned = new TimelineChart;
    QChartView view(owned); // as on screen: the legend lays its markers out in a view
    view.resize(900, 560);
    view.show();
    TimelineChart& chart = *owned;
    QList<RunProgress::TimelinePoint> points;
    for (int s = 1; s <= 10; ++s)
        points.append({double(s), 500.0, 8});
    ServerTimelineLines server;
    server.engine = u"vLLM"_qs;
    for (int s = 0; s <= 12; ++s) { // the scrapes run a little past the client's last second
        server.running.append(QPointF(s, 8.0));
        server.waiting.append(QPointF(s, 40.0));
        server.kvPercent.append(QPointF(s, 97.5));
        server.generationTps.append(QPointF(s, 2400.0));
    }
    chart.setTimeline(u"c=48"_qs, points, false, server);
    QVERIFY(chart.showsServerLines());
    QVERIFY(chart.title().contains(u"server"_qs));
    QCOMPARE(chart.serverRunningSeries()->count(), 13);
    QCOMPARE(chart.serverKvSeries()->at(3), QPointF(3.0, 97.5));
    QVERIFY(chart.serverRunningSeries()->name().contains(u"vLLM"_qs));
    for (QLineSeries* series : {chart.serverTokensSeries(), chart.serverRunningSeries(),
                                chart.serverWaitingSeries(), chart.serverKvSeries()}) {
        QVERIFY(series->isVisible());
        QVERIFY2(inLegend(chart, series), qPrintable(series->name()));
    }
    QVERIFY(chart.kvAxis()->isVisible());
    QCOMPARE(chart.kvAxis()->max(), 100.0);
    // The axes hold the server's values too: 2,400 tok/s, 40 waiting, 12 s.
    auto* tps = qobject_cast<QValueAxis*>(chart.axes(Qt::Vertical, chart.tokensSeries()).first());
    QVERIFY(tps->max() >= 2400.0);
    auto* counts =
        qobject_cast<QValueAxis*>(chart.axes(Qt::Vertical, chart.inFlightSeries()).first());
    QVERIFY(counts->max() >= 40.0);
    QVERIFY(chart.axes(Qt::Horizontal).first()->property("max").toDouble() >= 12.0);

    // The next level has no server metrics: every server line, entry and the KV axis go.
    chart.setTimeline(u"c=64"_qs, points, false);
    QVERIFY(!chart.showsServerLines());
    QCOMPARE(chart.serverRunningSeries()->count(), 0);
    for (QLineSeries* series : {chart.serverTokensSeries(), chart.serverRunningSeries(),
                                chart.serverWaitingSeries(), chart.serverKvSeries()}) {
        QVERIFY(!series->isVisible());
        QVERIFY(!inLegend(chart, series));
    }
    QVERIFY(!chart.kvAxis()->isVisible());
    QVERIFY(inLegend(chart, chart.tokensSeries()));
}

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

namespace {
// Pixels of about this colour (antialiasing blends a line's edges) in the image.
int pixelsNear(const QImage& image, const QColor& colour) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) < 12 &&
                std::abs(pixel.green() - colour.green()) < 12 &&
                std::abs(pixel.blue() - colour.blue()) < 12)
                ++count;
        }
    }
    return count;
}
} // namespace

// What File > Export and "Copy image" make of the timeline holds the server's lines too: the
// waiting line's colour appears in the exported image only when the level has server lines.
void TestTimelineChart::exportedImageCarriesTheServerLines() {
    TimelineChart chart;
    QList<RunProgress::TimelinePoint> points;
    for (int s = 1; s <= 10; ++s)
        points.append({double(s), 500.0, 8});
    const QColor waiting = RunPalette::colors().at(4); // the waiting line's hue
    chart.setTimeline(u"c=48"_qs, points, false);
    const int without = pixelsNear(ChartExporter::image(&chart, QSize(900, 560), 1.0), waiting);
    ServerTimelineLines server;
    for (int s = 0; s <= 10; ++s)
        server.waiting.append(QPointF(s, 4.0 + s));
    chart.setTimeline(u"c=48"_qs, points, false, server);
    const int with = pixelsNear(ChartExporter::image(&chart, QSize(900, 560), 1.0), waiting);
    QVERIFY2(with > without + 100, qPrintable(u"%1 vs %2 pixels"_qs.arg(with).arg(without)));
}

QTEST_MAIN(TestTimelineChart)
#include "tst_timelinechart.moc"
