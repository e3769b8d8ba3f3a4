#include "charts/chartexporter.h"
#include "charts/chartspanel.h"
#include "charts/throughputlatencychart.h"
#include "charts/timelinechart.h"
#include "charts/vsconcurrencychart.h"
#include "models/leveltimeline.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QImageReader>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

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
    void largeLevelTimelineIsBuiltOnAWorker();
    void chartsFollowADarkPalette();
    void mouseOnAPointHoversAndSelects();
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
    QCOMPARE(panel.latencyMetric(), LatencyMetric::Ttft);
    QCOMPARE(panel.latencyStat(), LatencyStat::P95);
    auto* vs = qobject_cast<VsConcurrencyChart*>(panel.chart(ChartsPanel::Chart::VsConcurrency));
    QVERIFY(vs->title().contains(u"TTFT p95"_qs));
    panel.setLatencyAxis(LatencyMetric::Tpot, LatencyStat::P50); // and back: the combos follow
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

    // The buttons sit side by side from the left, the stretch after them (a rebuilt bar
    // once spread them out over the row).
    panel.resize(1200, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QList<QToolButton*> chips;
    for (QToolButton* button : panel.findChildren<QToolButton*>()) {
        if (button->isVisible() && button->isCheckable())
            chips.append(button);
    }
    QCOMPARE(chips.size(), 2);
    std::sort(chips.begin(), chips.end(),
              [](QToolButton* l, QToolButton* r) { return l->x() < r->x(); });
    QVERIFY2(chips.at(0)->x() <= 4, qPrintable(QString::number(chips.at(0)->x())));
    QVERIFY(chips.at(1)->x() - chips.at(0)->geometry().right() <= 12);
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

void TestChartsPanel::largeLevelTimelineIsBuiltOnAWorker() {
    // A run of a million requests took a second or more of the GUI thread to count per
    // second: from 50,000 records the timeline is counted on a worker and drawn when done.
    SyntheticRun::Options options;
    options.levels = 2;
    options.requestsPerLevel = 25'000;
    const RunResult big = SyntheticRun::make(options);
    QCOMPARE(big.records.size(), 50'000);
    RunCollection runs;
    runs.addRun(big, QStringLiteral("big"), false);
    ChartsPanel panel(&runs);
    auto* timeline = qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline));
    QVERIFY2(timeline->title().contains(u"counting the requests of c=2"_qs),
             qPrintable(timeline->title()));
    QCOMPARE(timeline->tokensSeries()->count(), 0);
    const qsizetype expected = LevelTimeline::build(big, 1).size();
    QVERIFY(expected > 0);
    QTRY_COMPARE(timeline->tokensSeries()->count(), expected);
    QVERIFY(timeline->title().contains(u"c=2"_qs));
    QVERIFY(!timeline->title().contains(u"counting"_qs));
}

void TestChartsPanel::chartsFollowADarkPalette() {
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    panel.resize(900, 600);
    panel.show();
    auto* tl =
        qobject_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    auto* timeline = qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline));
    const QPalette light = QGuiApplication::palette();
    QVERIFY(light.color(QPalette::Window).lightness() >= 128); // offscreen default: light
    for (int i = 0; i < 4; ++i)
        QCOMPARE(panel.chart(ChartsPanel::Chart(i))->theme(), QChart::ChartThemeLight);

    // The desktop turns dark (the app applies a dark palette): every chart re-themes.
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x2B, 0x2B, 0x2B));
    dark.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Text, Qt::white);
    QApplication::setPalette(dark);
    for (int i = 0; i < 4; ++i) {
        QChart* chart = panel.chart(ChartsPanel::Chart(i));
        QTRY_COMPARE(chart->theme(), QChart::ChartThemeDark);
        QCOMPARE(chart->backgroundBrush().color(), QColor(0x1E, 0x1E, 0x1E));
    }
    // setTheme() repaints every series in theme colours; the run keeps its own colour.
    QCOMPARE(tl->lineSeries(id)->pen().color(), runs.run(id)->color);
    QVERIFY(timeline->tokensSeries()->pen().color().lightness() > 128);
    // An export looks like the screen: a dark background.
    const QImage image = ChartExporter::image(tl, QSize(600, 400), 1.0);
    QVERIFY(QColor(image.pixel(2, 2)).lightness() < 64);

    QApplication::setPalette(light);
    QTRY_COMPARE(tl->theme(), QChart::ChartThemeLight);
    QCOMPARE(tl->lineSeries(id)->pen().color(), runs.run(id)->color);
    QVERIFY(QColor(ChartExporter::image(tl, QSize(600, 400), 1.0).pixel(2, 2)).lightness() > 192);
}

void TestChartsPanel::mouseOnAPointHoversAndSelects() {
    // Real mouse events on the view, not emitted signals: the path a user's click takes.
    RunCollection runs;
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ChartsPanel panel(&runs);
    panel.resize(1000, 650);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* tl =
        qobject_cast<ThroughputLatencyChart*>(panel.chart(ChartsPanel::Chart::ThroughputLatency));
    auto* view = qobject_cast<QChartView*>(tl->scene()->views().constFirst());
    QVERIFY(view);
    QScatterSeries* points = tl->pointSeries(a);
    const QPointF inChart = tl->mapToPosition(points->at(5), points); // c=32
    const QPoint inView = view->mapFromScene(tl->mapToScene(inChart));

    QSignalSpy hovered(points, &QXYSeries::hovered);
    QTest::mouseMove(view->viewport(), inView);
    QTRY_VERIFY(!hovered.isEmpty());
    QVERIFY(hovered.constLast().at(1).toBool());
    QTRY_VERIFY(QToolTip::text().contains(u"c=32"_qs) ||
                QToolTip::text().contains(u"concurrency 32"_qs));

    QSignalSpy clicked(&panel, &ChartsPanel::levelClicked);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inView);
    QTRY_COMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), a);
    QCOMPARE(clicked.at(0).at(1).toInt(), 5);
    auto* timeline = qobject_cast<TimelineChart*>(panel.chart(ChartsPanel::Chart::Timeline));
    QVERIFY(timeline->title().contains(u"c=32"_qs));
}

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
