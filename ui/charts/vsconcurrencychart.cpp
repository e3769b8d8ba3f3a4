#include "charts/vsconcurrencychart.h"

#include "charts/niceaxis.h"
#include "models/levelmetrics.h"
#include "models/leveltooltip.h"
#include "models/runcollection.h"

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

struct VsConcurrencyChart::RunSeries {
    int runId = -1;
    QLineSeries* tps = nullptr;
    QLineSeries* latency = nullptr;
    QList<int> tpsLevels; // level index of each point
    QList<int> latencyLevels;
};

VsConcurrencyChart::VsConcurrencyChart(RunCollection* runs, QGraphicsItem* parent)
    : PlateauChart(parent)
    , m_runs(runs) {
    m_x = new QLogValueAxis(this);
    m_x->setBase(2.0);
    m_x->setMinorTickCount(0);
    m_x->setRange(1.0, 2.0);
    addAxis(m_x, Qt::AlignBottom);
    m_tps = addValueAxis(tr("Output throughput (tok/s)"), Qt::AlignLeft);
    m_latency = addValueAxis(QString(), Qt::AlignRight);
    // One grid is enough: the right axis' lines would not line up with the left's.
    m_latency->setGridLineVisible(false);
    connect(m_runs, &RunCollection::runsChanged, this, &VsConcurrencyChart::refresh);
    setLatencyAxis(m_metric, m_stat);
}

VsConcurrencyChart::~VsConcurrencyChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

void VsConcurrencyChart::setLatencyAxis(const QString& metric, const QString& stat) {
    m_metric = metric;
    m_stat = stat;
    setTitle(tr("Throughput and %1 vs load").arg(LevelMetrics::axisTitle(metric, stat)));
    refresh();
}

VsConcurrencyChart::RunSeries* VsConcurrencyChart::seriesOf(int runId) const {
    for (const auto& rs : m_series) {
        if (rs->runId == runId)
            return rs.get();
    }
    return nullptr;
}

QLineSeries* VsConcurrencyChart::throughputSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->tps : nullptr;
}

QLineSeries* VsConcurrencyChart::latencySeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->latency : nullptr;
}

void VsConcurrencyChart::syncRuns() {
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (m_runs->run((*it)->runId)) {
            ++it;
            continue;
        }
        for (QLineSeries* s : {(*it)->tps, (*it)->latency}) {
            removeSeries(s);
            delete s;
        }
        it = m_series.erase(it);
    }
    for (const RunCollection::Run& run : m_runs->runs()) {
        if (seriesOf(run.id))
            continue;
        auto rs = std::make_unique<RunSeries>();
        rs->runId = run.id;
        rs->tps = new QLineSeries(this);
        rs->latency = new QLineSeries(this);
        addSeries(rs->tps);
        addSeries(rs->latency);
        rs->tps->attachAxis(m_x);
        rs->tps->attachAxis(m_tps);
        rs->latency->attachAxis(m_x);
        rs->latency->attachAxis(m_latency);
        RunSeries* raw = rs.get();
        const int id = run.id;
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
            for (QLegendMarker* marker : legend()->markers(s)) {
                connect(marker, &QLegendMarker::clicked, this, [this, id] {
                    if (const RunCollection::Run* r = m_runs->run(id))
                        m_runs->setVisible(id, !r->visible);
                });
            }
        }
        m_series.push_back(std::move(rs));
    }
}

void VsConcurrencyChart::refresh() {
    syncRuns();
    double minLoad = std::numeric_limits<double>::infinity();
    double maxLoad = 0.0;
    double maxTps = 0.0;
    double maxMs = 0.0;
    bool rate = false;
    bool integral = true;
    for (const RunCollection::Run* run : m_runs->visibleRuns()) {
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

    const bool several = m_runs->visibleRuns().size() > 1;
    for (const auto& rs : m_series) {
        const RunCollection::Run* run = m_runs->run(rs->runId);
        QList<QPointF> tps;
        QList<QPointF> latency;
        rs->tpsLevels.clear();
        rs->latencyLevels.clear();
        for (const LevelSummary& level : run->result.summary.levels) {
            const double load = LevelMetrics::loadValue(level);
            if (!(load > 0.0))
                continue; // a log axis cannot place 0
            if (std::isfinite(level.outputThroughputTps)) {
                tps.append(QPointF(load, level.outputThroughputTps));
                rs->tpsLevels.append(level.index);
            }
            const double ms = LevelMetrics::value(level, m_metric, m_stat);
            if (std::isfinite(ms)) {
                latency.append(QPointF(load, ms / m_msPerUnit));
                rs->latencyLevels.append(level.index);
            }
        }
        rs->tps->replace(tps);
        rs->latency->replace(latency);
        rs->tps->setPen(QPen(run->color, 2.0));
        QColor latencyColor = several ? run->color : QColor(0xD5, 0x5E, 0x00);
        rs->latency->setPen(QPen(latencyColor, 2.0, Qt::DashLine));
        const QString metricName = LevelMetrics::metricShort(m_metric) % u' ' % m_stat;
        rs->tps->setName(several ? run->name % u" · tok/s"_s : tr("Output tok/s"));
        rs->latency->setName(several ? run->name % u" · "_s % metricName : metricName);
        rs->tps->setVisible(run->visible);
        rs->latency->setVisible(run->visible);
        // Hidden runs keep a dimmed legend entry so a click can bring them back.
        for (QLineSeries* s : {rs->tps, rs->latency}) {
            for (QLegendMarker* marker : legend()->markers(s)) {
                marker->setVisible(true);
                marker->setLabelBrush(run->visible ? legend()->labelColor()
                                                   : QColor(0x99, 0x99, 0x99));
                if (!run->visible) {
                    QColor c = s->pen().color();
                    c.setAlpha(60);
                    marker->setPen(QPen(c, 2.0, s->pen().style()));
                }
            }
        }
    }
}

void VsConcurrencyChart::pointEvent(RunSeries* rs, const QPointF& point, bool click) {
    // Nearest level by load on the log axis: the x value identifies the level.
    int best = -1;
    double distance = std::numeric_limits<double>::infinity();
    const RunCollection::Run* run = m_runs->run(rs->runId);
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
        QToolTip::showText(QCursor::pos(), LevelToolTip::html(level, run->name));
}
