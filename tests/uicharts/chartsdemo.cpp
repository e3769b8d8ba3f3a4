// Manual check: renders the charts panel and every chart of a synthetic 8-level sweep, and
// a two-run comparison, to /tmp/charts-*.png (and one SVG) so a person can look at them.
// Not a test: it asserts nothing. Run with QT_QPA_PLATFORM=offscreen.
#include "charts/chartspanel.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QApplication>
#include <QDebug>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace {
void save(ChartsPanel& panel, ChartsPanel::Chart chart, const QString& name, double scale = 1.0) {
    QString error;
    const QString path = u"/tmp/charts-"_qs + name;
    if (!panel.exportChart(chart, path, QSize(1000, 620), scale, &error))
        qWarning() << path << error;
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    RunCollection runs;
    // The app's default budget: TTFT p95 and E2E p95 (the latter lands on the default axis).
    RunResult defaultRun = SyntheticRun::make();
    defaultRun.profile.budget.limits.append({LatencyMetric::E2e, LatencyStat::P95, 3000.0});
    const int first = runs.addRun(defaultRun, QStringLiteral("sim default"), false);
    ChartsPanel panel(&runs);
    panel.resize(1200, 760);
    panel.show();
    panel.selectLevel(first, 4);
    panel.refresh();
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"1-throughput-latency.png"_qs);
    save(panel, ChartsPanel::Chart::VsConcurrency, u"2-vs-concurrency.png"_qs);
    save(panel, ChartsPanel::Chart::Percentiles, u"3-percentiles.png"_qs);
    save(panel, ChartsPanel::Chart::Timeline, u"4-timeline.png"_qs);
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"1-throughput-latency@2x.png"_qs, 2.0);
    panel.grab().save(u"/tmp/charts-panel.png"_qs);
    // The budget (TTFT p95) on a TTFT p50 axis: a dotted reference line.
    panel.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P50);
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"1-ttft-p50-budget.png"_qs);

    SyntheticRun::Options faster;
    faster.speed = 1.6;
    const int second =
        runs.addRun(SyntheticRun::make(faster), QStringLiteral("faster endpoint"), false);
    panel.setLatencyAxis(LatencyMetric::Ttft, LatencyStat::P95);
    panel.refresh();
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"compare-1.png"_qs);
    save(panel, ChartsPanel::Chart::VsConcurrency, u"compare-2.png"_qs);
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"compare-1.svg"_qs);
    {
        // How the SVG looks to Qt's own SVG renderer.
        QSvgRenderer svg(u"/tmp/charts-compare-1.svg"_qs);
        QImage image(svg.defaultSize(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        svg.render(&painter);
        painter.end();
        image.save(u"/tmp/charts-compare-1-svg.png"_qs);
    }
    runs.setVisible(second, false);
    panel.refresh();
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"compare-hidden.png"_qs);
    panel.grab().save(u"/tmp/charts-panel-compare.png"_qs);

    // Live: a run three levels in, with a running timeline.
    RunCollection liveRuns;
    liveRuns.addRun(SyntheticRun::prefix(SyntheticRun::make(), 3), QStringLiteral("live"), true);
    ChartsPanel live(&liveRuns);
    live.resize(1200, 760);
    RunProgress progress;
    progress.running = true;
    progress.levelIndex = 3;
    progress.levelLabel = u"c=8"_qs;
    for (int s = 1; s <= 20; ++s)
        progress.timeline.append(
            {double(s), s < 3 ? 600.0 * s : 1750.0 + (s % 3) * 40, s < 2 ? 4 : 8});
    live.setLiveProgress(progress);
    live.refresh();
    save(live, ChartsPanel::Chart::ThroughputLatency, u"live-1.png"_qs);
    save(live, ChartsPanel::Chart::Timeline, u"live-4.png"_qs);

    // Dark: the same comparison after the application palette turned dark (the panel
    // re-themes its charts live), at 2x for a HiDPI look.
    QPalette dark = app.palette();
    dark.setColor(QPalette::Window, QColor(0x2B, 0x2B, 0x2B));
    dark.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, Qt::white);
    QApplication::setPalette(dark);
    QCoreApplication::processEvents(); // the palette change reaches the widgets as events
    runs.setVisible(second, true);
    panel.refresh();
    save(panel, ChartsPanel::Chart::ThroughputLatency, u"dark-1.png"_qs);
    save(panel, ChartsPanel::Chart::VsConcurrency, u"dark-2.png"_qs);
    save(panel, ChartsPanel::Chart::Percentiles, u"dark-3.png"_qs);
    save(panel, ChartsPanel::Chart::Timeline, u"dark-4.png"_qs, 2.0);
    panel.grab().save(u"/tmp/charts-dark-panel.png"_qs);
    return 0;
}
