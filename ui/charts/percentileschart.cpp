#include "charts/percentileschart.h"

#include "charts/niceaxis.h"
#include "models/levelmetrics.h"
#include "models/runcollection.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// Light to dark with the percentile: the tail is the darkest line.
// p50 → p99: the higher the percentile, the stronger the colour. On a light background
// strong means dark; on a dark one it means light (the darkest blues would vanish).
const QColor kTtftColors[] = {QColor(0x9E, 0xCA, 0xE1), QColor(0x4A, 0x98, 0xC9),
                              QColor(0x21, 0x71, 0xB5), QColor(0x08, 0x45, 0x94)};
const QColor kTpotColors[] = {QColor(0xFD, 0xAE, 0x6B), QColor(0xF1, 0x69, 0x13),
                              QColor(0xD9, 0x48, 0x01), QColor(0x8C, 0x2D, 0x04)};
const QColor kTtftColorsDark[] = {QColor(0x31, 0x82, 0xBD), QColor(0x6B, 0xAE, 0xD6),
                                  QColor(0x9E, 0xCA, 0xE1), QColor(0xD6, 0xE8, 0xF5)};
const QColor kTpotColorsDark[] = {QColor(0xD9, 0x48, 0x01), QColor(0xF1, 0x69, 0x13),
                                  QColor(0xFD, 0x9E, 0x5B), QColor(0xFD, 0xD0, 0xA2)};
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
    const QStringList stats = LevelMetrics::chartStats();
    for (int metric = 0; metric < 2; ++metric) {
        for (int i = 0; i < stats.size(); ++i) {
            auto* s = new QLineSeries(this);
            s->setName((metric == 0 ? u"TTFT "_s : u"TPOT "_s) % stats.at(i));
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
        const QColor color = ttft ? (dark ? kTtftColorsDark : kTtftColors)[i]
                                  : (dark ? kTpotColorsDark : kTpotColors)[i];
        m_series.at(k)->setPen(QPen(color, 2.0, ttft ? Qt::SolidLine : Qt::DashLine));
        m_series.at(k)->setColor(color);
    }
}

void PercentilesChart::refresh() {
    const RunCollection::Run* run = m_runs->current();
    setTitle(run ? tr("TTFT and TPOT percentiles — %1").arg(run->name)
                 : tr("TTFT and TPOT percentiles"));
    const QStringList stats = LevelMetrics::chartStats();
    double minLoad = std::numeric_limits<double>::infinity();
    double maxLoad = 0.0;
    double maxValue[2] = {0.0, 0.0};
    bool rate = false;
    bool integral = true;
    for (int metric = 0; metric < 2; ++metric) {
        for (int i = 0; i < stats.size(); ++i) {
            QList<QPointF> points;
            if (run) {
                for (const LevelSummary& level : run->result.summary.levels) {
                    const double load = LevelMetrics::loadValue(level);
                    const double v = LevelMetrics::value(level, metric == 0 ? u"ttft"_s : u"tpot"_s,
                                                         stats.at(i));
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
