#include "charts/chartexporter.h"
#include "charts/chartspanel.h"
#include "charts/errorbars.h"
#include "charts/throughputlatencychart.h"
#include "charts/vsconcurrencychart.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QCheckBox>
#include <QLineSeries>
#include <QTest>

#include <cmath>

// Error bars from known intervals: each spans exactly lo..hi in chart coordinates, through
// its point, and the toggle hides them on screen and in exported images.
class TestErrorBars : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void throughputLatencyBarsSpanTheirIntervals();
    void vsConcurrencyBarsAreVerticalOnTheirAxes();
    void levelsWithoutIntervalsHaveNoBars();
    void toggleHidesOnScreenAndInExports();
    void panelToggleReachesBothCharts();
    void plateauLegendCarriesItsInterval();

private:
    // c=4 (level 2) and c=64 (level 6) get intervals; the others none.
    static RunResult withIntervals();
    static FigureInterval interval(double lo, double hi);
};

FigureInterval TestErrorBars::interval(double lo, double hi) {
    FigureInterval ci;
    ci.lo = lo;
    ci.hi = hi;
    ci.degreesOfFreedom = 9;
    return ci;
}

RunResult TestErrorBars::withIntervals() {
    RunResult result = SyntheticRun::make();
    for (int i : {2, 6}) {
        LevelSummary& level = result.summary.levels[i];
        const double tps = level.outputThroughputTps;
        level.outputThroughputCi = interval(tps * 0.9, tps * 1.05);
        const double ms = level.e2eMs.p50;
        level.e2eMs.p50Ci = interval(ms * 0.8, ms * 1.1);
    }
    return result;
}

// The chart laid out at a real size, as a view would show it.
static void layOut(QChart* chart) {
    chart->resize(900, 600);
    QCoreApplication::processEvents();
    QVERIFY(chart->plotArea().width() > 100);
}

static bool near(double a, double b) {
    return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

void TestErrorBars::throughputLatencyBarsSpanTheirIntervals() {
    RunCollection runs;
    const RunResult result = withIntervals();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    layOut(&chart);
    const ErrorBars& bars = chart.errorBars();
    QVERIFY(bars.isShown());
    QCOMPARE(bars.bars().size(), 4); // a latency and a throughput bar per level with intervals
    QCOMPARE(bars.segments().size(), 4);
    QLineSeries* line = chart.lineSeries(id);
    for (qsizetype i = 0; i < bars.bars().size(); ++i) {
        const ErrorBars::Bar& bar = bars.bars().at(i);
        const QLineF segment = bars.segments().at(i);
        const QPointF from = chart.mapToValue(segment.p1(), line);
        const QPointF to = chart.mapToValue(segment.p2(), line);
        if (bar.orientation == Qt::Horizontal) {
            // Latency: lo..hi on x, at the point's throughput.
            QVERIFY2(near(from.x(), bar.lo) && near(to.x(), bar.hi),
                     qPrintable(QStringLiteral("%1..%2 vs %3..%4")
                                    .arg(from.x())
                                    .arg(to.x())
                                    .arg(bar.lo)
                                    .arg(bar.hi)));
            QVERIFY(near(from.y(), bar.point.y()) && near(to.y(), bar.point.y()));
        } else {
            QVERIFY(near(from.y(), bar.lo) && near(to.y(), bar.hi));
            QVERIFY(near(from.x(), bar.point.x()) && near(to.x(), bar.point.x()));
        }
    }
    // The bars are those of c=4 and c=64, from the results' own intervals.
    const LevelSummary& c64 = result.summary.levels.at(6);
    bool found = false;
    for (const ErrorBars::Bar& bar : bars.bars()) {
        if (bar.orientation == Qt::Horizontal && near(bar.point.x(), c64.e2eMs.p50)) {
            QVERIFY(near(bar.lo, c64.e2eMs.p50Ci.lo) && near(bar.hi, c64.e2eMs.p50Ci.hi));
            found = true;
        }
    }
    QVERIFY(found);
    // Resizing re-places them: still exact.
    chart.resize(500, 400);
    QCoreApplication::processEvents();
    const QLineF moved = bars.segments().constFirst();
    QVERIFY(near(chart.mapToValue(moved.p2(), line).x(), bars.bars().constFirst().hi));
}

void TestErrorBars::vsConcurrencyBarsAreVerticalOnTheirAxes() {
    RunCollection runs;
    const RunResult result = withIntervals();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    VsConcurrencyChart chart(&runs);
    chart.refresh();
    layOut(&chart);
    const ErrorBars& bars = chart.errorBars();
    QCOMPARE(bars.bars().size(), 4);
    const LevelSummary& c4 = result.summary.levels.at(2);
    int tpsBars = 0;
    int latencyBars = 0;
    for (qsizetype i = 0; i < bars.bars().size(); ++i) {
        const ErrorBars::Bar& bar = bars.bars().at(i);
        QCOMPARE(bar.orientation, Qt::Vertical);
        const QLineF segment = bars.segments().at(i);
        QVERIFY(near(segment.p1().x(), segment.p2().x()));
        const bool tps = bar.series == chart.throughputSeries(id);
        QVERIFY(tps || bar.series == chart.latencySeries(id));
        (tps ? tpsBars : latencyBars)++;
        QVERIFY(near(chart.mapToValue(segment.p1(), bar.series).y(), bar.lo));
        QVERIFY(near(chart.mapToValue(segment.p2(), bar.series).y(), bar.hi));
        if (bar.point.x() == 4.0 && !tps)
            QVERIFY(near(bar.hi, c4.e2eMs.p50Ci.hi)); // ms axis: no scaling
    }
    QCOMPARE(tpsBars, 2);
    QCOMPARE(latencyBars, 2);
}

void TestErrorBars::levelsWithoutIntervalsHaveNoBars() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false); // no intervals at all
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    layOut(&chart);
    QVERIFY(chart.errorBars().bars().isEmpty());
    // A hidden run draws none either.
    const int b = runs.addRun(withIntervals(), QStringLiteral("b"), false);
    chart.refresh();
    QCOMPARE(chart.errorBars().bars().size(), 4);
    runs.setVisible(b, false);
    chart.refresh();
    QVERIFY(chart.errorBars().bars().isEmpty());
}

void TestErrorBars::toggleHidesOnScreenAndInExports() {
    RunCollection runs;
    runs.addRun(withIntervals(), QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    const QSize size(900, 600);
    const QImage withBars = ChartExporter::image(&chart, size, 1.0);
    chart.errorBars().setShown(false);
    QVERIFY(chart.errorBars().segments().isEmpty());
    const QImage without = ChartExporter::image(&chart, size, 1.0);
    QVERIFY(!withBars.isNull() && !without.isNull());
    QVERIFY(withBars != without); // the export carries the bars...
    chart.errorBars().setShown(true);
    QCOMPARE(ChartExporter::image(&chart, size, 1.0), withBars); // ...and they come back
}

void TestErrorBars::panelToggleReachesBothCharts() {
    RunCollection runs;
    runs.addRun(withIntervals(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    auto* tl =
        static_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    auto* vs = static_cast<VsConcurrencyChart*>(panel.chart(ChartsPanel::Chart::VsConcurrency));
    auto* box = panel.findChild<QCheckBox*>(QStringLiteral("errorBars"));
    QVERIFY(box);
    QVERIFY(box->isChecked() && panel.errorBarsShown());
    box->setChecked(false);
    QVERIFY(!panel.errorBarsShown());
    QVERIFY(!tl->errorBars().isShown() && !vs->errorBars().isShown());
    panel.setErrorBarsShown(true); // as the main window restores the saved choice
    QVERIFY(box->isChecked());
    QVERIFY(tl->errorBars().isShown() && vs->errorBars().isShown());
}

void TestErrorBars::plateauLegendCarriesItsInterval() {
    RunCollection runs;
    RunResult result = SyntheticRun::make();
    const double plateau = result.summary.plateau.plateauTps;
    result.summary.plateau.plateauTpsCi = interval(plateau - 60.0, plateau + 60.0);
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    ThroughputLatencyChart chart(&runs);
    chart.refresh();
    QCOMPARE(chart.plateauSeries(id)->name(),
             QStringLiteral("Plateau ≈ 8,200 ± 60 tok/s from c=64"));
}

QTEST_MAIN(TestErrorBars)
#include "tst_errorbars.moc"
