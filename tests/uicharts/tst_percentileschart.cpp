#include "charts/percentileschart.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QTest>

class TestPercentilesChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eightSeriesOfTheCurrentRun();
    void followsTheCurrentRun();
};

void TestPercentilesChart::eightSeriesOfTheCurrentRun() {
    RunCollection runs;
    const RunResult result = SyntheticRun::make();
    runs.addRun(result, QStringLiteral("a"), false);
    PercentilesChart chart(&runs);
    const QList<QLineSeries*>& series = chart.allSeries();
    QCOMPARE(series.size(), 8);
    QCOMPARE(series.at(0)->name(), QStringLiteral("TTFT p50"));
    QCOMPARE(series.at(7)->name(), QStringLiteral("TPOT p99"));
    for (QLineSeries* s : series)
        QCOMPARE(s->count(), 8);
    QCOMPARE(series.at(3)->at(6).y(), result.summary.levels.at(6).ttftMs.p99);
    QCOMPARE(series.at(5)->at(6).y(), result.summary.levels.at(6).tpotMs.p90);
    QCOMPARE(series.at(5)->at(6).x(), 64.0);
    QCOMPARE(chart.xAxis()->base(), 2.0);
    QVERIFY(chart.title().contains(QStringLiteral("a")));
}

void TestPercentilesChart::followsTheCurrentRun() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    SyntheticRun::Options shorter;
    shorter.levels = 3;
    const int b = runs.addRun(SyntheticRun::make(shorter), QStringLiteral("b"), false);
    PercentilesChart chart(&runs);
    runs.setCurrent(b);
    QCOMPARE(chart.allSeries().at(0)->count(), 3);
    QVERIFY(chart.title().endsWith(QStringLiteral("b")));
    runs.clear();
    QCOMPARE(chart.allSeries().at(0)->count(), 0);
}

QTEST_MAIN(TestPercentilesChart)
#include "tst_percentileschart.moc"
