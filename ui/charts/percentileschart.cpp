#include "charts/percentileschart.h"

#include "charts/niceaxis.h"
#include "models/levelmetrics.h"
#include "models/runcollection.h"
#include "models/runpalette.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// The two metrics drawn, TTFT on the left axis and TPOT on the right.
constexpr LatencyMetric kMetrics[2] = {LatencyMetric::Ttft, LatencyMetric::Tpot};
} // namespace

PercentilesChart::PercentilesChart(RunCollection* runs, QGraphicsItem* parent)
    : PlateauChart(parent)
    , m_runs(runs) {
    m_x = new QLogValueAxis(this);
    m_x->setBase(2.0);
    m_x->setMinorTickCount(0);
    m_x->setRange(1.0, 2.0);
    addAxis(m_x, Qt::AlignBottom);
    m_ttft = addValueAxis(tr("TTFT (ms)"), Qt::AlignLeft);
    m_tpot = addValueAxis(tr("TPOT (ms)"), Qt::AlignRight);
    // One grid is enough: the right axis' lines would not line up with the left's.
    m_tpot->setGridLineVisible(false);
    const QList<LatencyStat>& stats = LevelMetrics::chartStats();
    for (int metric = 0; metric < 2; ++metric) {
        for (int i = 0; i < stats.size(); ++i) {
            auto* s = new QLineSeries(this);
            s->setName(LatencyNames::displayName(kMetrics[metric], stats.at(i)));
            s->setPointsVisible(true);
            s->setMarkerSize(6);
            addSeries(s);
            s->attachAxis(m_x);
            s->attachAxis(metric == 0 ? m_ttft : m_tpot);
            m_series.append(s);
        }
    }
    PercentilesChart::restyle();
    connect(m_runs, &RunCollection::runsChanged, this, &PercentilesChart::refresh);
    connect(m_runs, &RunCollection::currentChanged, this, &PercentilesChart::refresh);
    refresh();
}

PercentilesChart::~PercentilesChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

void PercentilesChart::restyle() {
    const bool dark = darkPalette();
    const qsizetype perMetric = m_series.size() / 2;
    for (qsizetype k = 0; k < m_series.size(); ++k) {
        const bool ttft = k < perMetric;
        const qsizetype i = ttft ? k : k - perMetric;
        // p50 → p99 from light to strong: the tail is the line that stands out.
        const QColor color = RunPalette::ramp(
            ttft ? RunPalette::Ramp::Blues : RunPalette::Ramp::Oranges, int(i), dark);
        m_series.at(k)->setPen(QPen(color, 2.0, ttft ? Qt::SolidLine : Qt::DashLine));
        m_series.at(k)->setColor(color);
    }
}

void PercentilesChart::refresh() {
    const RunCollection::Run* run = m_runs->current();
    setTitle(run ? tr("TTFT and TPOT percentiles — %1").arg(run->name)
                 : tr("TTFT and TPOT percentiles"));
    const QList<LatencyStat>& stats = LevelMetrics::chartStats();
    double minLoad = std::numeric_limits<double>::infinity();
    double maxLoad = 0.0;
    double maxValue[2] = {0.0, 0.0};
    bool rate = false;
    bool integral = true;
    for (int metric = 0; metric < 2; ++metric) {
        for (int i = 0; i < stats.size(); ++i) {
            QList<QPointF> points;
            if (run) {
                for (const LevelSummary& level : LevelMetrics::byLoad(run->result.summary.levels)) {
                    const double load = LevelMetrics::loadValue(level);
                    const double v = LevelMetrics::value(level, kMetrics[metric], stats.at(i));
                    if (!(load > 0.0) || !std::isfinite(v))
                        continue;
                    rate = rate || level.isRate;
                    integral = integral && std::floor(load) == load;
                    points.append(QPointF(load, v));
                    minLoad = std::min(minLoad, load);
                    maxLoad = std::max(maxLoad, load);
                    maxValue[metric] = std::max(maxValue[metric], v);
                }
            }
            m_series.at(metric * stats.size() + i)->replace(points);
        }
    }
    m_x->setTitleText(rate ? tr("Request rate (req/s, log₂)") : tr("Concurrency (log₂)"));
    NiceAxis::applyLog2(m_x, std::isfinite(minLoad) ? minLoad : 1.0, maxLoad > 0 ? maxLoad : 2.0,
                        integral);
    NiceAxis::apply(m_ttft, 0.0, maxValue[0] > 0 ? maxValue[0] * 1.1 : 1.0, 5);
    NiceAxis::apply(m_tpot, 0.0, maxValue[1] > 0 ? maxValue[1] * 1.1 : 1.0, 5);
}
