#include "charts/chartspanel.h"

#include "charts/chartexportdialog.h"
#include "charts/chartexporter.h"
#include "charts/curveprobe.h"
#include "charts/percentileschart.h"
#include "charts/plateauchart.h"
#include "charts/runlegendbar.h"
#include "charts/throughputlatencychart.h"
#include "charts/timelinechart.h"
#include "charts/vsconcurrencychart.h"
#include "models/levelmetrics.h"
#include "models/leveltimeline.h"
#include "models/naminglegend.h"
#include "models/runcollection.h"
#include "models/workerfuture.h"

#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

struct ChartsPanel::Private {
    RunCollection* runs = nullptr;
    QComboBox* metric = nullptr;
    QComboBox* stat = nullptr;
    QCheckBox* errorBars = nullptr;
    QTabWidget* tabs = nullptr;
    ThroughputLatencyChart* throughputLatency = nullptr;
    VsConcurrencyChart* vsConcurrency = nullptr;
    PercentilesChart* percentiles = nullptr;
    TimelineChart* timeline = nullptr;
    QChartView* views[4] = {};
    RunProgress progress;
    int selectedRun = -1;
    int selectedLevel = -1;
    // The rebuilt timeline of a finished level, kept until its inputs change.
    int cachedRun = -1;
    int cachedLevel = -1;
    qsizetype cachedRecords = -1;
    QList<RunProgress::TimelinePoint> cachedTimeline;
    // The timeline being built on a worker (a large level), -1 when none.
    int pendingRun = -1;
    int pendingLevel = -1;
    qsizetype pendingRecords = -1;
};

namespace {
// From this many records a level's timeline is built on a worker: a million take a second or
// more (every record decoded); a small run's is drawn at once, as before.
constexpr qsizetype kTimelineOnWorkerRecords = 50'000;
} // namespace

ChartsPanel::ChartsPanel(RunCollection* runs, QWidget* parent)
    : QWidget(parent)
    , d(new Private) {
    d->runs = runs;
    d->throughputLatency = new ThroughputLatencyChart(runs);
    d->vsConcurrency = new VsConcurrencyChart(runs);
    d->percentiles = new PercentilesChart(runs);
    d->timeline = new TimelineChart;

    d->metric = new QComboBox(this);
    // The selectors hold the keys ("e2e", "p50"), mapped back through LatencyNames.
    for (const LatencyMetric metric : LevelMetrics::chartMetrics())
        d->metric->addItem(LevelMetrics::metricTitle(metric), LatencyNames::key(metric));
    d->stat = new QComboBox(this);
    for (const QString& stat : LatencyNames::keys(LevelMetrics::chartStats()))
        d->stat->addItem(stat, stat);
    d->metric->setToolTip(tr("Latency metric on the throughput-latency chart's x axis"));
    d->stat->setToolTip(tr("Statistic of that latency over each level's requests"));
    auto* names = new QToolButton(this);
    names->setText(u"?"_s);
    names->setAutoRaise(true);
    names->setToolTip(NamingLegend::html());
    connect(names, &QToolButton::clicked, this, [names] {
        QToolTip::showText(names->mapToGlobal(QPoint(0, names->height())), NamingLegend::html(),
                           names);
    });

    d->errorBars = new QCheckBox(tr("Error bars"), this);
    d->errorBars->setObjectName(u"errorBars"_s);
    d->errorBars->setChecked(true);
    d->errorBars->setToolTip(tr("95% confidence intervals of each level's throughput and "
                                "latency statistic"));
    connect(d->errorBars, &QCheckBox::toggled, this, &ChartsPanel::setErrorBarsShown);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new RunLegendBar(runs, this), 1);
    top->addWidget(new QLabel(tr("Latency:"), this));
    top->addWidget(d->metric);
    top->addWidget(d->stat);
    top->addWidget(d->errorBars);
    top->addWidget(names);

    d->tabs = new QTabWidget(this);
    d->tabs->setDocumentMode(true);
    const QList<QPair<QChart*, QString>> charts = {
        {d->throughputLatency, tr("Throughput vs latency")},
        {d->vsConcurrency, tr("vs concurrency")},
        {d->percentiles, tr("Percentiles")},
        {d->timeline, tr("Level timeline")},
    };
    for (int i = 0; i < charts.size(); ++i) {
        auto* view = new QChartView(charts.at(i).first, d->tabs); // the view owns the chart
        view->setRenderHint(QPainter::Antialiasing);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, i, view](QPoint p) { showContextMenu(Chart(i), view->mapToGlobal(p)); });
        d->views[i] = view;
        d->tabs->addTab(view, charts.at(i).second);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(d->tabs, 1);

    auto axisChanged = [this] {
        const auto metric = LatencyNames::metricFromKey(d->metric->currentData().toString());
        const auto stat = LatencyNames::statFromKey(d->stat->currentData().toString());
        if (metric && stat)
            setLatencyAxis(*metric, *stat);
    };
    connect(d->metric, &QComboBox::currentIndexChanged, this, axisChanged);
    connect(d->stat, &QComboBox::currentIndexChanged, this, axisChanged);
    auto clicked = [this](int runId, int levelIndex) {
        selectLevel(runId, levelIndex);
        Q_EMIT levelClicked(runId, levelIndex);
    };
    connect(d->throughputLatency, &ThroughputLatencyChart::levelClicked, this, clicked);
    connect(d->vsConcurrency, &VsConcurrencyChart::levelClicked, this, clicked);
    connect(runs, &RunCollection::currentChanged, this, &ChartsPanel::updateTimeline);
    connect(runs, &RunCollection::runsChanged, this, &ChartsPanel::updateTimeline);
    refresh();
}

ChartsPanel::~ChartsPanel() {
    delete d;
}

void ChartsPanel::refresh() {
    d->throughputLatency->refresh();
    d->vsConcurrency->refresh();
    d->percentiles->refresh();
    updateTimeline();
}

void ChartsPanel::changeEvent(QEvent* event) {
    // The system turned dark or light (the application palette changed): re-theme the
    // charts. followPalette() does nothing when the lightness did not flip.
    if (event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::ApplicationPaletteChange) {
        for (int i = 0; i < 4; ++i)
            static_cast<PlateauChart*>(chart(Chart(i)))->followPalette();
        updateTimeline();
    }
    QWidget::changeEvent(event);
}

void ChartsPanel::setLiveProgress(const RunProgress& progress) {
    d->progress = progress;
}

void ChartsPanel::setLatencyAxis(LatencyMetric metric, LatencyStat stat) {
    // Keep the selectors in step when called from outside (settings, tests).
    const int metricIndex = d->metric->findData(LatencyNames::key(metric));
    const int statIndex = d->stat->findData(LatencyNames::key(stat));
    if (metricIndex < 0 || statIndex < 0)
        return;
    const QSignalBlocker blockMetric(d->metric);
    const QSignalBlocker blockStat(d->stat);
    d->metric->setCurrentIndex(metricIndex);
    d->stat->setCurrentIndex(statIndex);
    if (metric == d->throughputLatency->latencyMetric() &&
        stat == d->throughputLatency->latencyStat())
        return;
    d->throughputLatency->setLatencyAxis(metric, stat);
    d->vsConcurrency->setLatencyAxis(metric, stat);
}

LatencyMetric ChartsPanel::latencyMetric() const {
    return d->throughputLatency->latencyMetric();
}

LatencyStat ChartsPanel::latencyStat() const {
    return d->throughputLatency->latencyStat();
}

void ChartsPanel::setErrorBarsShown(bool shown) {
    const QSignalBlocker block(d->errorBars);
    d->errorBars->setChecked(shown);
    d->throughputLatency->errorBars().setShown(shown);
    d->vsConcurrency->errorBars().setShown(shown);
}

bool ChartsPanel::errorBarsShown() const {
    return d->errorBars->isChecked();
}

void ChartsPanel::selectLevel(int runId, int levelIndex) {
    d->selectedRun = runId;
    d->selectedLevel = levelIndex;
    d->throughputLatency->selectLevel(runId, levelIndex);
    updateTimeline();
}

ChartsPanel::Chart ChartsPanel::currentChart() const {
    return Chart(d->tabs->currentIndex());
}

void ChartsPanel::setCurrentChart(Chart chart) {
    d->tabs->setCurrentIndex(int(chart));
}

QChart* ChartsPanel::chart(Chart chart) const {
    switch (chart) {
    case Chart::ThroughputLatency:
        return d->throughputLatency;
    case Chart::VsConcurrency:
        return d->vsConcurrency;
    case Chart::Percentiles:
        return d->percentiles;
    case Chart::Timeline:
        return d->timeline;
    }
    return nullptr;
}

bool ChartsPanel::exportChart(Chart which, const QString& path, QSize size, double scale,
                              QString* error) {
    return ChartExporter::save(chart(which), path, size, scale, error);
}

void ChartsPanel::copyChartToClipboard(Chart which) {
    // What is on screen, at the screen's pixel density; a default size if never shown.
    const QChartView* view = d->views[int(which)];
    QSize size = view->size();
    if (size.width() < 100 || size.height() < 100)
        size = QSize(1000, 620);
    const QImage image = ChartExporter::image(chart(which), size, view->devicePixelRatioF());
    if (!image.isNull())
        QGuiApplication::clipboard()->setImage(image);
}

void ChartsPanel::showExportDialog(Chart which) {
    const QChartView* view = d->views[int(which)];
    QSize size = view->size();
    if (size.width() < 100 || size.height() < 100)
        size = QSize(1000, 620);
    static const char* const names[] = {"throughput-latency", "vs-concurrency", "percentiles",
                                        "timeline"};
    const QString suggested =
        QDir::home().filePath(u"plateau-"_s % QLatin1String(names[int(which)]) % u".png"_s);
    ChartExportDialog dialog(suggested, size, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!exportChart(which, dialog.path(), dialog.imageSize(), dialog.scale(), &error))
        QMessageBox::warning(this, tr("Export chart"), error);
}

void ChartsPanel::showContextMenu(Chart which, const QPoint& globalPos) {
    QMenu menu(this);
    QAction* measure = nullptr;
    const std::optional<std::pair<int, double>> load = loadUnder(which, globalPos);
    if (load) {
        const bool rate =
            d->runs->run(load->first)->result.profile.plan.mode == SweepPlan::Mode::Rate;
        measure = menu.addAction(rate ? tr("Measure %1 rps here").arg(load->second)
                                      : tr("Measure c=%1 here").arg(std::lround(load->second)));
        menu.addSeparator();
    }
    QAction* copy = menu.addAction(tr("Copy image"));
    QAction* save = menu.addAction(tr("Export…"));
    QAction* chosen = menu.exec(globalPos);
    if (chosen && chosen == measure)
        Q_EMIT measureRequested(load->first, load->second);
    else if (chosen == copy)
        copyChartToClipboard(which);
    else if (chosen == save)
        showExportDialog(which);
}

std::optional<std::pair<int, double>> ChartsPanel::loadUnder(Chart which,
                                                             const QPoint& globalPos) const {
    const RunCollection::Run* run = d->runs->current();
    if (!run || run->live || !run->visible ||
        (which != Chart::ThroughputLatency && which != Chart::VsConcurrency))
        return std::nullopt;
    const QChartView* view = d->views[int(which)];
    QChart* c = chart(which);
    const QPointF pos = c->mapFromScene(view->mapToScene(view->mapFromGlobal(globalPos)));
    const QList<double> loads = d->throughputLatency->pointLoads(run->id);
    bool integral = true;
    for (double load : loads)
        integral = integral && std::floor(load) == load;
    QList<QPointF> points;
    if (which == Chart::ThroughputLatency) {
        QLineSeries* line = d->throughputLatency->lineSeries(run->id);
        for (const QPointF& p : line->points())
            points.append(c->mapToPosition(p, line));
    } else {
        // Load on x: the curve is the throughput line; its points are the same levels.
        QLineSeries* line = d->vsConcurrency->throughputSeries(run->id);
        if (!line || line->count() != loads.size())
            return std::nullopt;
        for (const QPointF& p : line->points())
            points.append(c->mapToPosition(p, line));
    }
    std::optional<double> load = CurveProbe::loadAt(points, loads, pos, integral);
    if (load && which == Chart::VsConcurrency) {
        // Near the curve; the load is where the (log) x axis says, not a linear fraction.
        const double x = c->mapToValue(pos, d->vsConcurrency->throughputSeries(run->id)).x();
        load = integral ? std::round(x) : x;
        if (loads.contains(*load))
            load.reset();
    }
    if (!load)
        return std::nullopt;
    return std::make_pair(run->id, *load);
}

void ChartsPanel::updateTimeline() {
    const RunCollection::Run* run = d->runs->current();
    if (d->progress.running && run && run->live && d->progress.levelIndex >= 0) {
        d->timeline->setTimeline(d->progress.levelLabel, d->progress.timeline, true,
                                 LevelTimeline::serverLines(run->result, d->progress.levelIndex));
        return;
    }
    if (!run || run->result.summary.levels.isEmpty()) {
        d->timeline->clearTimeline(tr("no level measured yet"));
        return;
    }
    // The selected level of this run, else its last level.
    const QList<LevelSummary>& levels = run->result.summary.levels;
    const LevelSummary* level = &levels.constLast();
    if (d->selectedRun == run->id) {
        for (const LevelSummary& l : levels) {
            if (l.index == d->selectedLevel)
                level = &l;
        }
    }
    if (d->cachedRun != run->id || d->cachedLevel != level->index ||
        d->cachedRecords != run->result.records.size()) {
        if (run->result.records.size() >= kTimelineOnWorkerRecords) {
            buildTimelineOnWorker(run->id, run->result, level->index);
            d->timeline->clearTimeline(
                tr("counting the requests of %1…").arg(LevelMetrics::shortLabel(*level)));
            return;
        }
        d->cachedTimeline = LevelTimeline::build(run->result, level->index);
        d->cachedRun = run->id;
        d->cachedLevel = level->index;
        d->cachedRecords = run->result.records.size();
    }
    if (d->cachedTimeline.isEmpty())
        d->timeline->clearTimeline(
            tr("no requests recorded for %1").arg(LevelMetrics::shortLabel(*level)));
    else
        d->timeline->setTimeline(LevelMetrics::shortLabel(*level), d->cachedTimeline, false,
                                 LevelTimeline::serverLines(run->result, level->index));
}

void ChartsPanel::buildTimelineOnWorker(int runId, const RunResult& result, int levelIndex) {
    const qsizetype records = result.records.size();
    if (d->pendingRun == runId && d->pendingLevel == levelIndex && d->pendingRecords == records)
        return; // under way
    d->pendingRun = runId;
    d->pendingLevel = levelIndex;
    d->pendingRecords = records;
    using Points = QList<RunProgress::TimelinePoint>;
    auto* watcher = new QFutureWatcher<Points>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, run = runId, levelIndex, records] {
                watcher->deleteLater();
                // Another level or run asked for meanwhile: this one's points are not wanted.
                if (d->pendingRun != run || d->pendingLevel != levelIndex ||
                    d->pendingRecords != records)
                    return;
                d->pendingRun = -1;
                d->cachedTimeline = watcher->result();
                d->cachedRun = run;
                d->cachedLevel = levelIndex;
                d->cachedRecords = records;
                updateTimeline();
            });
    // The job's copy shares the packed records: the run may go or grow meanwhile.
    watcher->setFuture(WorkerFuture::run<Points>(
        [result, levelIndex] { return LevelTimeline::build(result, levelIndex); }));
}
