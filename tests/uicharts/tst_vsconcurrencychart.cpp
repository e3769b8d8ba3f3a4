#include "charts/vsconcurrencychart.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

class TestVsConcurrencyChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void log2AxisAndOnePointPerLevel();
    void latencyFollowsSelection();
    void rateLevelsUseRate();
    void twoRunsDistinctAndHideable();
    void clickNamesTheLevel();
};

void TestVsConcurrencyChart::log2AxisAndOnePointPerLevel() {
    RunCollection runs;
    const RunResult result = SyntheticRun::make();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    VsConcurrencyChart chart(&runs);
    QCOMPARE(chart.xAxis()->base(), 2.0);
    QLineSeries* tps = chart.throughputSeries(id);
    QLineSeries* latency = chart.latencySeries(id);
    QCOMPARE(tps->count(), 8);
    QCOMPARE(latency->count(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(tps->at(i).x(), double(1 << i));
        QCOMPARE(tps->at(i).y(), result.summary.levels.at(i).outputThroughputTps);
        QCOMPARE(latency->at(i).y(), result.summary.levels.at(i).e2eMs.p50);
    }
    // Both ends inside the axis, on powers of two with room either side.
    QVERIFY(chart.xAxis()->min() < 1.0 && chart.xAxis()->min() > 0.5);
    QVERIFY(chart.xAxis()->max() > 128.0 && chart.xAxis()->max() < 256.0);
    QVERIFY(chart.throughputAxis()->max() >= result.summary.plateau.plateauTps);
    QVERIFY(chart.latencyAxis()->titleText().contains(QStringLiteral("E2E latency p50")));
    QCOMPARE(tps->attachedAxes().size(), 2);
    QVERIFY(tps->attachedAxes().contains(chart.throughputAxis()));
    QVERIFY(latency->attachedAxes().contains(chart.latencyAxis()));
}

void TestVsConcurrencyChart::latencyFollowsSelection() {
    RunCollection runs;
    const RunResult result = SyntheticRun::make();
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    VsConcurrencyChart chart(&runs);
    chart.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P99);
    QCOMPARE(chart.latencySeries(id)->at(2).y(), result.summary.levels.at(2).ttftMs.p99);
    QVERIFY(chart.latencySeries(id)->name().contains(QStringLiteral("TTFT p99")));
}

void TestVsConcurrencyChart::rateLevelsUseRate() {
    RunResult result = SyntheticRun::make();
    for (LevelSummary& level : result.summary.levels) {
        level.isRate = true;
        level.rate = 0.5 * (level.index + 1);
    }
    RunCollection runs;
    const int id = runs.addRun(result, QStringLiteral("a"), false);
    VsConcurrencyChart chart(&runs);
    QCOMPARE(chart.throughputSeries(id)->at(0).x(), 0.5);
    QVERIFY(chart.xAxis()->titleText().contains(QStringLiteral("req/s")));
    QVERIFY(chart.xAxis()->min() < 0.5);
}

void TestVsConcurrencyChart::twoRunsDistinctAndHideable() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    const int b = runs.addRun(SyntheticRun::make(), QStringLiteral("b"), false);
    VsConcurrencyChart chart(&runs);
    QVERIFY(chart.throughputSeries(a)->pen().color() != chart.throughputSeries(b)->pen().color());
    QVERIFY(chart.throughputSeries(a)->name().startsWith(QStringLiteral("a")));
    runs.setVisible(a, false);
    QVERIFY(!chart.throughputSeries(a)->isVisible());
    QVERIFY(!chart.latencySeries(a)->isVisible());
    QVERIFY(chart.throughputSeries(b)->isVisible());
}

void TestVsConcurrencyChart::clickNamesTheLevel() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    VsConcurrencyChart chart(&runs);
    QSignalSpy clicked(&chart, &VsConcurrencyChart::levelClicked);
    Q_EMIT chart.throughputSeries(a)->clicked(QPointF(30.0, 5000.0)); // nearest c=32
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(1).toInt(), 5);
}

QTEST_MAIN(TestVsConcurrencyChart)
#include "tst_vsconcurrencychart.moc"
