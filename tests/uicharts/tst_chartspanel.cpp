#include "chartspanel.h"
#include "runcollection.h"
#include "syntheticrun.h"
#include "throughputlatencychart.h"
#include "timelinechart.h"
#include "vsconcurrencychart.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QImageReader>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

class TestChartsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fourChartsInTabs();
    void selectorsDriveTheLatencyAxis();
    void compareTwoRunsHideOneWithTheLegendBar();
    void exportEveryChart();
    void clipboardGetsTheImage();
    void clickSelectsAndTimelineFollows();
    void liveTimelineDuringARun();
};

void TestChartsPanel::fourChartsInTabs() {
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    auto* tabs = panel.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    QCOMPARE(panel.currentChart(), ChartsPanel::Chart::ThroughputLatency);
    panel.setCurrentChart(ChartsPanel::Chart::Percentiles);
    QCOMPARE(tabs->currentIndex(), 2);
    auto* tl =
        qobject_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    QVERIFY(tl);
    QCOMPARE(tl->pointSeries(id)->count(), 8);
    QVERIFY(qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline)));
}

void TestChartsPanel::selectorsDriveTheLatencyAxis() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    const QList<QComboBox*> combos = panel.findChildren<QComboBox*>();
    QCOMPARE(combos.size(), 2);
    combos.at(0)->setCurrentIndex(combos.at(0)->findData(u"ttft"_qs));
    combos.at(1)->setCurrentIndex(combos.at(1)->findData(u"p95"_qs));
    QCOMPARE(panel.latencyMetric(), u"ttft"_qs);
    QCOMPARE(panel.latencyStat(), u"p95"_qs);
    auto* vs = qobject_cast<VsConcurrencyChart*>(panel.chart(ChartsPanel::Chart::VsConcurrency));
    QVERIFY(vs->title().contains(u"TTFT p95"_qs));
    panel.setLatencyAxis(u"tpot"_qs, u"p50"_qs); // and back: the combos follow
    QCOMPARE(combos.at(0)->currentData().toString(), u"tpot"_qs);
    QCOMPARE(combos.at(1)->currentData().toString(), u"p50"_qs);
}

void TestChartsPanel::compareTwoRunsHideOneWithTheLegendBar() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("first"), false);
    SyntheticRun::Options faster;
    faster.speed = 1.6;
    const int b = runs.addRun(SyntheticRun::make(faster), QStringLiteral("second"), false);
    ChartsPanel panel(&runs);
    auto* tl =
        qobject_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    QVERIFY(tl->lineSeries(a)->pen().color() != tl->lineSeries(b)->pen().color());
    QToolButton* second = nullptr;
    for (QToolButton* button : panel.findChildren<QToolButton*>()) {
        if (button->text() == QStringLiteral("second"))
            second = button;
    }
    QVERIFY(second);
    QVERIFY(second->isChecked());
    second->click();
    QVERIFY(!runs.run(b)->visible);
    QVERIFY(!tl->lineSeries(b)->isVisible());
    QVERIFY(tl->lineSeries(a)->isVisible());
    // The bar rebuilt its buttons (deferred deletion); the new one shows the state.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    bool found = false;
    for (QToolButton* button : panel.findChildren<QToolButton*>()) {
        if (button->text() == QStringLiteral("second")) {
            QVERIFY(!button->isChecked());
            found = true;
        }
    }
    QVERIFY(found);
}

void TestChartsPanel::exportEveryChart() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    panel.resize(900, 600);
    panel.show();
    QTemporaryDir dir;
    for (int i = 0; i < 4; ++i) {
        const auto which = ChartsPanel::Chart(i);
        QString error;
        const QString png = dir.filePath(QStringLiteral("c%1.png").arg(i));
        QVERIFY2(panel.exportChart(which, png, QSize(640, 400), 2.0, &error), qPrintable(error));
        QCOMPARE(QImageReader(png).size(), QSize(1280, 800));
        const QString svg = dir.filePath(QStringLiteral("c%1.svg").arg(i));
        QVERIFY2(panel.exportChart(which, svg, QSize(640, 400), 1.0, &error), qPrintable(error));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("viewBox=\"0 0 640 400\""));
    }
}

void TestChartsPanel::clipboardGetsTheImage() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    panel.resize(900, 600);
    panel.show();
    QGuiApplication::clipboard()->clear();
    panel.copyChartToClipboard(ChartsPanel::Chart::ThroughputLatency);
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 100 && image.height() >= 100);
}

void TestChartsPanel::clickSelectsAndTimelineFollows() {
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    auto* timeline = qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline));
    // With nothing selected, the timeline shows the last level.
    QVERIFY(timeline->title().contains(u"c=128"_qs));
    QVERIFY(timeline->tokensSeries()->count() > 0);
    QSignalSpy clicked(&panel, &ChartsPanel::levelClicked);
    auto* tl =
        qobject_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    Q_EMIT tl->pointSeries(a)->clicked(tl->pointSeries(a)->at(2));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(1).toInt(), 2);
    QVERIFY(timeline->title().contains(u"c=4"_qs));
    panel.selectLevel(a, 5);
    QVERIFY(timeline->title().contains(u"c=32"_qs));
}

void TestChartsPanel::liveTimelineDuringARun() {
    RunCollection runs;
    runs.addRun(SyntheticRun::prefix(SyntheticRun::make(), 2), QStringLiteral("live"), true);
    ChartsPanel panel(&runs);
    RunProgress progress;
    progress.running = true;
    progress.levelIndex = 2;
    progress.levelLabel = u"c=4"_qs;
    for (int s = 1; s <= 7; ++s)
        progress.timeline.append({double(s), 900.0, 4});
    panel.setLiveProgress(progress);
    panel.refresh();
    auto* timeline = qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline));
    QVERIFY(timeline->title().contains(u"running"_qs));
    QCOMPARE(timeline->tokensSeries()->count(), 7);
}

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
