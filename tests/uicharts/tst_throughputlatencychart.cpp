#include "charts/throughputlatencychart.h"
#include "metrics/sweepaggregator.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QApplication>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <cmath>

class TestThroughputLatencyChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void onePointPerLevelInOrder();
    void runningLevelIsHollow();
    void axisFollowsMetricAndStat_data();
    void axisFollowsMetricAndStat();
    void plateauLineKneeAndBest();
    void budgetLineOnItsMetric();
    void notPlateauedSaysSo();
    void livePointsArriveAndAxesGrow();
    void compareTwoRunsAndHideOne();
    void legendClickTogglesRun();
    void clickSelectsLevel();
    void tooltipHasTheNumbers();
    void secondsForLongLatencies();
    void embeddingsUseInputsPerSecondAndE2e();
    void batchSizesAreCurves();
};

void TestThroughputLatencyChart::runningLevelIsHollow() {
    RunCollection runs;
    RunResult result = SyntheticRun::make();
    result.summary.levels.last().complete = false; // the level under way
    const int id = runs.addRun(result, QStringLiteral("live"), true);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QScatterSeries* points = chart.pointSeries(id);
    QScatterSeries* pending = chart.pendingSeries(id);
    QVERIFY(points && pending);
    // Seven settled levels, the eighth on its own: the same place on the line, hollow
    // (filled with the background, ringed in the run's colour).
    QCOMPARE(points->count(), 7);
    QCOMPARE(pending->count(), 1);
    QCOMPARE(pending->at(0), chart.lineSeries(id)->at(7));
    QCOMPARE(pending->pen().color(), points->color());
    QCOMPARE(pending->color(), chart.backgroundBrush().color());
    QVERIFY(chart.lineSeries(id)->name().contains(QStringLiteral("running")));
    // It finishes: one series again.
    result.summary.levels.last().complete = true;
    runs.updateRun(id, result, false);
    chart.refresh();
    QCOMPARE(points->count(), 8);
    QCOMPARE(pending->count(), 0);
}

void TestThroughputLatencyChart::onePointPerLevelInOrder() {
    RunCollection runs;
    const RunResult result = SyntheticRun::make();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QScatterSeries* points = chart.pointSeries(id);
    QLineSeries* line = chart.lineSeries(id);
    QVERIFY(points && line);
    QCOMPARE(points->count(), 8);
    QCOMPARE(line->points(), points->points());
    for (int i = 0; i < 8; ++i) {
        const LevelSummary& level = result.summary.levels.at(i);
        QCOMPARE(points->at(i).x(), level.e2eMs.p50);
        QCOMPARE(points->at(i).y(), level.outputThroughputTps);
        QCOMPARE(chart.pointLabels(id).at(i), QStringLiteral("c=%1").arg(1 << i));
    }
    QCOMPARE(line->name(), QStringLiteral("a"));
    QVERIFY(chart.xAxis()->titleText().contains(QStringLiteral("E2E latency p50 (ms)")));
    QVERIFY(chart.yAxis()->titleText().contains(QStringLiteral("tok/s")));
    // Every point is inside the axes.
    for (const QPointF& p : points->points()) {
        QVERIFY(p.x() >= chart.xAxis()->min() && p.x() <= chart.xAxis()->max());
        QVERIFY(p.y() >= chart.yAxis()->min() && p.y() <= chart.yAxis()->max());
    }
}

void TestThroughputLatencyChart::axisFollowsMetricAndStat_data() {
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("stat");
    QTest::addColumn<double>("expected"); // x of c=1 in ms
    QTest::newRow("ttft p50") << u"ttft"_qs << u"p50"_qs << 45.0;
    QTest::newRow("ttft p99") << u"ttft"_qs << u"p99"_qs << 67.5;
    QTest::newRow("tpot p95") << u"tpot"_qs << u"p95"_qs << 4.06 * 1.25;
    QTest::newRow("e2e p90") << u"e2e"_qs << u"p90"_qs << (45.0 + 4.06 * 255) * 1.15;
}

void TestThroughputLatencyChart::axisFollowsMetricAndStat() {
    QFETCH(QString, metric);
    QFETCH(QString, stat);
    QFETCH(double, expected);
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.setLatencyAxis(*LatencyNames::metricFromKey(metric), *LatencyNames::statFromKey(stat));
    QVERIFY(qAbs(chart.pointSeries(id)->at(0).x() * chart.msPerUnit() - expected) < 1e-6);
    QVERIFY(chart.xAxis()->titleText().contains(stat));
    QVERIFY(chart.title().contains(stat));
}

void TestThroughputLatencyChart::plateauLineKneeAndBest() {
    RunCollection runs;
    const RunResult result = SyntheticRun::make();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QLineSeries* plateau = chart.plateauSeries(id);
    QCOMPARE(plateau->count(), 2);
    QCOMPARE(plateau->at(0).y(), result.summary.plateau.plateauTps);
    QCOMPARE(plateau->at(1).y(), result.summary.plateau.plateauTps);
    // It spans the plot, and the legend says the sweep plateaued and from where.
    QCOMPARE(plateau->at(0).x(), chart.xAxis()->min());
    QCOMPARE(plateau->at(1).x(), chart.xAxis()->max());
    QCOMPARE(plateau->name(), QStringLiteral("Plateau ≈ 8,200 tok/s from c=64"));
    QVERIFY(plateau->isVisible());
    // The knee (c≈54.5) lies on the curve between c=32 and c=64.
    QScatterSeries* knee = chart.kneeSeries(id);
    QCOMPARE(knee->count(), 1);
    const QPointF c32 = chart.pointSeries(id)->at(5);
    const QPointF c64 = chart.pointSeries(id)->at(6);
    QVERIFY(knee->at(0).x() > c32.x() && knee->at(0).x() < c64.x());
    QVERIFY(knee->at(0).y() > c32.y() && knee->at(0).y() < c64.y());
    QCOMPARE(knee->name(), QStringLiteral("Knee ≈ c=55"));
    // Best within budget: c=64, ringed.
    QScatterSeries* best = chart.bestSeries(id);
    QCOMPARE(best->count(), 1);
    QCOMPARE(best->at(0), c64);
    QVERIFY(best->markerSize() > chart.pointSeries(id)->markerSize());
    QCOMPARE(best->name(), QStringLiteral("Best within budget: c=64"));
}

void TestThroughputLatencyChart::budgetLineOnItsMetric() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    // The budget is on TTFT p95; x shows E2E p50: no line, a note says how to see it.
    QCOMPARE(chart.budgetSeries()->count(), 0);
    QVERIFY(!chart.budgetSeries()->isVisible());
    QCOMPARE(chart.noteText(),
             QStringLiteral("Budget TTFT p95 ≤ 500 ms: choose TTFT on the x axis to draw it"));

    // Same metric and statistic: the exact pass/fail boundary, dashed.
    chart.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P95);
    QLineSeries* budget = chart.budgetSeries();
    QCOMPARE(budget->count(), 2);
    QCOMPARE(budget->at(0).x(), 500.0);
    QCOMPARE(budget->at(1).x(), 500.0);
    QCOMPARE(budget->at(0).y(), chart.yAxis()->min());
    QCOMPARE(budget->at(1).y(), chart.yAxis()->max());
    QVERIFY(budget->isVisible());
    QCOMPARE(budget->name(), QStringLiteral("Budget TTFT p95 ≤ 500 ms"));
    QCOMPARE(budget->pen().style(), Qt::DashLine);
    QVERIFY(chart.noteText().isEmpty());

    // Same metric, another statistic: still drawn, dotted, and the note says the limit is
    // on p95 while the points show p50 (points right of it fail; left may too).
    chart.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P50);
    QCOMPARE(budget->count(), 2);
    QCOMPARE(budget->at(0).x(), 500.0);
    QVERIFY(budget->isVisible());
    QCOMPARE(budget->name(), QStringLiteral("Budget TTFT p95 ≤ 500 ms"));
    QCOMPARE(budget->pen().style(), Qt::DotLine);
    QVERIFY(chart.noteText().contains(QStringLiteral("a p95 limit on a p50 axis")));

    // Another metric again: gone.
    chart.setLatencyAxis(LatencyMetric::Tpot, LatencyStat::P95);
    QCOMPARE(budget->count(), 0);
    QVERIFY(!budget->isVisible());
    QVERIFY(chart.noteText().startsWith(QStringLiteral("Budget TTFT p95")));
}

void TestThroughputLatencyChart::notPlateauedSaysSo() {
    SyntheticRun::Options options;
    options.levels = 5;
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::make(options), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QVERIFY(chart.plateauSeries(id)->name().contains(QStringLiteral("no plateau yet")));
    QCOMPARE(chart.pointSeries(id)->count(), 5);
    // The summary carries a knee (90% of the highest so far), but before a plateau it
    // would move with every new level: no diamond, no legend entry.
    QVERIFY(std::isfinite(runs.run(id)->result.summary.plateau.kneeConcurrency));
    QCOMPARE(chart.kneeSeries(id)->count(), 0);
    QVERIFY(!chart.kneeSeries(id)->isVisible());

    // Once the sweep plateaus, the knee appears.
    runs.updateRun(id, SyntheticRun::make(), false);
    chart.refresh();
    QCOMPARE(chart.kneeSeries(id)->count(), 1);
    QVERIFY(chart.kneeSeries(id)->isVisible());
}

void TestThroughputLatencyChart::livePointsArriveAndAxesGrow() {
    const RunResult full = SyntheticRun::make();
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::prefix(full, 1), QStringLiteral("live"), true);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    double lastYMax = chart.yAxis()->max();
    for (int levels = 1; levels <= 8; ++levels) {
        runs.updateRun(id, SyntheticRun::prefix(full, levels), levels < 8);
        chart.refresh();
        QCOMPARE(chart.pointSeries(id)->count(), levels);
        QVERIFY(chart.lineSeries(id)->name().contains(QStringLiteral("running")) == (levels < 8));
        // Throughput only grows in this sweep, so the y axis never shrinks.
        QVERIFY(chart.yAxis()->max() >= lastYMax);
        lastYMax = chart.yAxis()->max();
        for (const QPointF& p : chart.pointSeries(id)->points())
            QVERIFY(p.y() <= chart.yAxis()->max() && p.x() <= chart.xAxis()->max());
    }
}

void TestThroughputLatencyChart::compareTwoRunsAndHideOne() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    SyntheticRun::Options faster;
    faster.speed = 1.6;
    faster.levels = 6;
    const int b = runs.addRun(SyntheticRun::make(faster), QStringLiteral("b"), false);
    // Shown in a view: legend markers only report visibility inside a shown scene.
    auto* chartPtr = new ThroughputLatencyChart(&runs);
    QChartView view(chartPtr); // owns the chart
    view.resize(900, 560);
    view.show();
    ThroughputLatencyChart& chart = *chartPtr;
    chart.refresh();
    QCOMPARE(chart.pointSeries(a)->count(), 8);
    QCOMPARE(chart.pointSeries(b)->count(), 6);
    QVERIFY(chart.lineSeries(a)->pen().color() != chart.lineSeries(b)->pen().color());
    QCOMPARE(chart.lineSeries(a)->pen().color(), runs.run(a)->color);
    QCOMPARE(chart.lineSeries(b)->pen().color(), runs.run(b)->color);
    QVERIFY(chart.lineSeries(b)->isVisible());
    runs.setVisible(b, false); // the chart listens: no explicit refresh
    QVERIFY(!chart.lineSeries(b)->isVisible());
    QVERIFY(!chart.pointSeries(b)->isVisible());
    QVERIFY(!chart.plateauSeries(b)->isVisible());
    QVERIFY(chart.lineSeries(a)->isVisible());
    // The hidden run keeps a (dimmed) legend entry to click it back on.
    const QList<QLegendMarker*> markers = chart.legend()->markers(chart.lineSeries(b));
    QCOMPARE(markers.size(), 1);
    QVERIFY(markers.constFirst()->isVisible());
    QCOMPARE(markers.constFirst()->labelBrush().color(), QColor(0x99, 0x99, 0x99));
    // Decorations are listed for the focused run only: a's plateau, not b's.
    QVERIFY(chart.legend()->markers(chart.plateauSeries(a)).constFirst()->isVisible());
    QVERIFY(!chart.legend()->markers(chart.plateauSeries(b)).constFirst()->isVisible());
    runs.removeRun(b);
    QVERIFY(!chart.lineSeries(b));
    QCOMPARE(chart.series().count(chart.lineSeries(a)), 1);
}

void TestThroughputLatencyChart::legendClickTogglesRun() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QLegendMarker* marker = chart.legend()->markers(chart.lineSeries(a)).constFirst();
    Q_EMIT marker->clicked();
    QVERIFY(!runs.run(a)->visible);
    QVERIFY(!chart.lineSeries(a)->isVisible());
    marker = chart.legend()->markers(chart.lineSeries(a)).constFirst();
    Q_EMIT marker->clicked();
    QVERIFY(runs.run(a)->visible);
    QVERIFY(chart.lineSeries(a)->isVisible());
}

void TestThroughputLatencyChart::clickSelectsLevel() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QSignalSpy clicked(&chart, &ThroughputLatencyChart::levelClicked);
    QScatterSeries* points = chart.pointSeries(a);
    Q_EMIT points->clicked(points->at(3) + QPointF(1.0, 5.0)); // near c=8
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), a);
    QCOMPARE(clicked.at(0).at(1).toInt(), 3);
}

void TestThroughputLatencyChart::tooltipHasTheNumbers() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    const QString tip = chart.pointToolTip(a, 7);
    for (const char* part : {"c=128", "8,160 tok/s", "TTFT p50 / p95", "TPOT p50 / p95",
                             "E2E p50 / p95", "Errors", "15 (1.2%)"})
        QVERIFY2(tip.contains(QLatin1String(part)), qPrintable(tip));
    QVERIFY(chart.pointToolTip(a, 99).isEmpty());
}

void TestThroughputLatencyChart::secondsForLongLatencies() {
    RunResult result = SyntheticRun::make();
    for (LevelSummary& level : result.summary.levels)
        level.e2eMs.p50 *= 10.0; // 10 s .. 47 s
    RunCollection runs;
    const int a = runs.addRun(result, QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QCOMPARE(chart.msPerUnit(), 1000.0);
    QVERIFY(chart.xAxis()->titleText().endsWith(QStringLiteral("(s)")));
    QCOMPARE(chart.pointSeries(a)->at(0).x(), result.summary.levels.at(0).e2eMs.p50 / 1000.0);
}

void TestThroughputLatencyChart::embeddingsUseInputsPerSecondAndE2e() {
    // An embeddings run (issue 14): y is inputs/s, x the e2e latency even when the axis asks
    // for TTFT (which an answer without a stream does not have), and the note says so.
    RunCollection runs;
    RunResult result = SyntheticRun::make();
    for (LevelSummary& level : result.summary.levels) {
        level.embeddings = true;
        level.inputsPerSecond = level.requestThroughputRps * 8;
        level.ttftMs = LatencyStats();
        level.tpotMs = LatencyStats();
    }
    result.summary.plateau.plateauTps = result.summary.levels.last().inputsPerSecond;
    result.summary.plateau.plateauTpsCi = FigureInterval();
    const int id = runs.addRun(result, QStringLiteral("embeddings"), false);
    ThroughputLatencyChart chart(&runs);
    chart.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P50);
    chart.refresh();
    QScatterSeries* points = chart.pointSeries(id);
    QVERIFY(points);
    QCOMPARE(points->count(), 8);
    for (int i = 0; i < 8; ++i) {
        const LevelSummary& level = result.summary.levels.at(i);
        QCOMPARE(points->at(i).x(), level.e2eMs.p50);
        QCOMPARE(points->at(i).y(), level.inputsPerSecond);
    }
    QCOMPARE(chart.yAxis()->titleText(), QStringLiteral("Throughput (inputs/s)"));
    QVERIFY2(chart.title().startsWith(QStringLiteral("Throughput (inputs/s) vs E2E latency p50")),
             qPrintable(chart.title()));
    QVERIFY(chart.xAxis()->titleText().contains(QStringLiteral("E2E latency p50")));
    QVERIFY2(chart.noteText().contains(QStringLiteral("TTFT n/a for embeddings")),
             qPrintable(chart.noteText()));
    QVERIFY(chart.plateauSeries(id)->name().contains(QStringLiteral("inputs/s")));
}

// A batch-size sweep (issue 14): 4 concurrencies x batch 1, 8, 32, batch-major. Each batch
// size is its own curve in the run's colour (joined within its size only), "batch 8" in the
// legend; every level is still a point to hover and click.
void TestThroughputLatencyChart::batchSizesAreCurves() {
    RunCollection runs;
    RunResult result = SyntheticRun::make();
    QList<LevelSummary> grid;
    const QList<int> sizes = {1, 8, 32};
    for (int size : sizes) {
        for (int i = 0; i < 4; ++i) {
            LevelSummary level = result.summary.levels.at(i);
            level.index = int(grid.size());
            level.embeddings = true;
            level.batchSize = size;
            level.inputsPerSecond = level.requestThroughputRps * size;
            level.ttftMs = LatencyStats();
            grid.append(level);
        }
    }
    result.summary = SweepAggregator::summarize(grid, {}, 0.05);
    const int id = runs.addRun(result, QStringLiteral("grid"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QCOMPARE(chart.pointSeries(id)->count(), 12);
    const QList<QLineSeries*> curves = chart.batchSeries(id);
    QCOMPARE(curves.size(), qsizetype(3));
    QCOMPARE(curves.at(0), chart.lineSeries(id));
    QCOMPARE(curves.at(0)->name(), QStringLiteral("grid · batch 1"));
    QCOMPARE(curves.at(1)->name(), QStringLiteral("batch 8"));
    QCOMPARE(curves.at(2)->name(), QStringLiteral("batch 32"));
    for (qsizetype c = 0; c < curves.size(); ++c) {
        QCOMPARE(curves.at(c)->count(), 4);
        QVERIFY(curves.at(c)->isVisible());
        for (int i = 0; i < 4; ++i) // in load order, this size's points only
            QCOMPARE(curves.at(c)->at(i).y(), grid.at(c * 4 + i).inputsPerSecond);
    }
    QVERIFY(curves.at(1)->pen().style() != curves.at(0)->pen().style());
    QCOMPARE(curves.at(2)->pen().color(), curves.at(0)->pen().color());
    const QList<QLegendMarker*> markers = chart.legend()->markers(curves.at(1));
    QCOMPARE(markers.size(), qsizetype(1));
    QCOMPARE(markers.first()->label(), QStringLiteral("batch 8"));
    QCOMPARE(markers.first()->pen().style(), curves.at(1)->pen().style());

    // The same run with one batch size is one curve again.
    runs.updateRun(id, SyntheticRun::make(), false);
    chart.refresh();
    QCOMPARE(chart.batchSeries(id).size(), qsizetype(1));
    QCOMPARE(chart.lineSeries(id)->count(), 8);
}

QTEST_MAIN(TestThroughputLatencyChart)
#include "tst_throughputlatencychart.moc"
