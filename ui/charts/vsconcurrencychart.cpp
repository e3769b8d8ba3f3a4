#include "charts/vsconcurrencychart.h"

#include "charts/niceaxis.h"
#include "models/levelmetrics.h"
#include "models/leveltooltip.h"
#include "models/runcollection.h"
#include "models/runpalette.h"

#include <QCursor>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

struct VsConcurrencyChart::RunSeries : RunSeriesChart::RunEntry {
    QLineSeries* tps = nullptr;
    QLineSeries* latency = nullptr;
    QList<int> tpsLevels; // level index of each point
    QList<int> latencyLevels;
};

VsConcurrencyChart::VsConcurrencyChart(RunCollection* runs, QGraphicsItem* parent)
    : RunSeriesChart(runs, parent) {
    m_x = new QLogValueAxis(this);
    m_x->setBase(2.0);
    m_x->setMinorTickCount(0);
    m_x->setRange(1.0, 2.0);
    addAxis(m_x, Qt::AlignBottom);
    m_tps = addValueAxis(tr("Output throughput (tok/s)"), Qt::AlignLeft);
    m_latency = addValueAxis(QString(), Qt::AlignRight);
    // One grid is enough: the right axis' lines would not line up with the left's.
    m_latency->setGridLineVisible(false);
    connect(runs, &RunCollection::runsChanged, this, &VsConcurrencyChart::refresh);
    setLatencyAxis(m_metric, m_stat);
}

VsConcurrencyChart::~VsConcurrencyChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

void VsConcurrencyChart::setLatencyAxis(LatencyMetric metric, LatencyStat stat) {
    m_metric = metric;
    m_stat = stat;
    setTitle(tr("Throughput and %1 vs load").arg(LevelMetrics::axisTitle(metric, stat)));
    refresh();
}

VsConcurrencyChart::RunSeries* VsConcurrencyChart::seriesOf(int runId) const {
    return entryOf<RunSeries>(runId);
}

QLineSeries* VsConcurrencyChart::throughputSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->tps : nullptr;
}

QLineSeries* VsConcurrencyChart::latencySeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->latency : nullptr;
}

std::unique_ptr<RunSeriesChart::RunEntry>
VsConcurrencyChart::createEntry(const RunCollection::Run& run) {
    auto rs = std::make_unique<RunSeries>();
    rs->tps = new QLineSeries(this);
    rs->latency = new QLineSeries(this);
    addRunSeries(*rs, rs->tps, m_x, m_tps);
    addRunSeries(*rs, rs->latency, m_x, m_latency);
    RunSeries* raw = rs.get();
    for (QLineSeries* s : {rs->tps, rs->latency}) {
        s->setPointsVisible(true);
        s->setMarkerSize(6);
        connect(s, &QXYSeries::hovered, this, [this, raw](const QPointF& p, bool state) {
            if (state)
                pointEvent(raw, p, false);
            else
                QToolTip::hideText();
        });
        connect(s, &QXYSeries::clicked, this,
                [this, raw](const QPointF& p) { pointEvent(raw, p, true); });
        toggleRunOnLegendClick(s, run.id);
    }
    return rs;
}

void VsConcurrencyChart::refresh() {
    syncRuns();
    double minLoad = std::numeric_limits<double>::infinity();
    double maxLoad = 0.0;
    double maxTps = 0.0;
    double maxMs = 0.0;
    bool rate = false;
    bool integral = true;
    for (const RunCollection::Run* run : runs()->visibleRuns()) {
        for (const LevelSummary& level : run->result.summary.levels) {
            const double load = LevelMetrics::loadValue(level);
            if (!(load > 0.0))
                continue;
            rate = rate || level.isRate;
            integral = integral && std::floor(load) == load;
            minLoad = std::min(minLoad, load);
            maxLoad = std::max(maxLoad, load);
            if (std::isfinite(level.outputThroughputTps))
                maxTps = std::max(maxTps, level.outputThroughputTps);
            const double ms = LevelMetrics::value(level, m_metric, m_stat);
            if (std::isfinite(ms))
                maxMs = std::max(maxMs, ms);
        }
    }
    m_msPerUnit = maxMs >= 10000.0 ? 1000.0 : 1.0;
    m_x->setTitleText(rate ? tr("Request rate (req/s, log₂)") : tr("Concurrency (log₂)"));
    m_latency->setTitleText(LevelMetrics::axisTitle(m_metric, m_stat) %
                            (m_msPerUnit > 1.0 ? u" (s)"_s : u" (ms)"_s));
    NiceAxis::applyLog2(m_x, std::isfinite(minLoad) ? minLoad : 1.0, maxLoad > 0 ? maxLoad : 2.0,
                        integral);
    NiceAxis::apply(m_tps, 0.0, maxTps > 0.0 ? maxTps * 1.1 : 1.0, 5);
    NiceAxis::apply(m_latency, 0.0, maxMs > 0.0 ? maxMs * 1.1 / m_msPerUnit : 1.0, 5);

    const bool several = runs()->visibleRuns().size() > 1;
    m_errorBars.clear();
    for (RunSeries* rs : entries<RunSeries>())
        drawRun(rs, *runs()->run(rs->runId), several);
    layoutOverlays();
}

void VsConcurrencyChart::layoutOverlays() {
    m_errorBars.layout();
}

void VsConcurrencyChart::drawRun(RunSeries* rs, const RunCollection::Run& run, bool several) {
    QList<QPointF> tps;
    QList<QPointF> latency;
    const QColor latencyColor =
        several ? run.color : RunPalette::color(RunPalette::Role::SecondSeries);
    rs->tpsLevels.clear();
    rs->latencyLevels.clear();
    for (const LevelSummary& level : LevelMetrics::byLoad(run.result.summary.levels)) {
        const double load = LevelMetrics::loadValue(level);
        if (!(load > 0.0))
            continue; // a log axis cannot place 0
        if (std::isfinite(level.outputThroughputTps)) {
            tps.append(QPointF(load, level.outputThroughputTps));
            rs->tpsLevels.append(level.index);
            if (run.visible)
                m_errorBars.add(tps.constLast(), level.outputThroughputCi, 1.0, Qt::Vertical,
                                run.color, rs->tps);
        }
        const double ms = LevelMetrics::value(level, m_metric, m_stat);
        if (std::isfinite(ms)) {
            latency.append(QPointF(load, ms / m_msPerUnit));
            rs->latencyLevels.append(level.index);
            if (run.visible)
                m_errorBars.add(latency.constLast(),
                                ErrorBars::latencyInterval(level, m_metric, m_stat), m_msPerUnit,
                                Qt::Vertical, latencyColor, rs->latency);
        }
    }
    rs->tps->replace(tps);
    rs->latency->replace(latency);
    rs->tps->setPen(QPen(run.color, 2.0));
    rs->latency->setPen(QPen(latencyColor, 2.0, Qt::DashLine));
    const QString metricName =
        LevelMetrics::metricShort(m_metric) % u' ' % LatencyNames::key(m_stat);
    rs->tps->setName(several ? run.name % u" · tok/s"_s : tr("Output tok/s"));
    rs->latency->setName(several ? run.name % u" · "_s % metricName : metricName);
    rs->tps->setVisible(run.visible);
    rs->latency->setVisible(run.visible);
    // Hidden runs keep a dimmed legend entry so a click can bring them back.
    for (QLineSeries* s : {rs->tps, rs->latency}) {
        for (QLegendMarker* marker : listRunInLegend(s, run.visible)) {
            if (!run.visible)
                marker->setPen(
                    QPen(RunPalette::hiddenRun(s->pen().color()), 2.0, s->pen().style()));
        }
    }
}

void VsConcurrencyChart::pointEvent(RunSeries* rs, const QPointF& point, bool click) {
    // Nearest level by load on the log axis: the x value identifies the level.
    int best = -1;
    double distance = std::numeric_limits<double>::infinity();
    const RunCollection::Run* run = runs()->run(rs->runId);
    if (!run || !(point.x() > 0.0))
        return;
    for (const LevelSummary& level : run->result.summary.levels) {
        const double load = LevelMetrics::loadValue(level);
        if (!(load > 0.0))
            continue;
        const double d = std::fabs(std::log2(load) - std::log2(point.x()));
        if (d < distance) {
            distance = d;
            best = int(&level - run->result.summary.levels.constData());
        }
    }
    if (best < 0)
        return;
    const LevelSummary& level = run->result.summary.levels.at(best);
    if (click)
        Q_EMIT levelClicked(rs->runId, level.index);
    else
        QToolTip::showText(
            QCursor::pos(),
            LevelToolTip::html(level, run->name, run->result.profile.endpoint().price));
}
