#include "charts/timelinechart.h"

#include "charts/niceaxis.h"
#include "models/runpalette.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

TimelineChart::TimelineChart(QGraphicsItem* parent)
    : PlateauChart(parent) {
    m_x = addValueAxis(tr("Seconds into the level"), Qt::AlignBottom);
    m_tps = addValueAxis(tr("Output tokens/s"), Qt::AlignLeft);
    m_flight = addValueAxis(tr("Requests in flight"), Qt::AlignRight);
    // One grid is enough: the right axis' lines would not line up with the left's.
    m_flight->setGridLineVisible(false);
    m_tokens = new QLineSeries(this);
    m_tokens->setName(tr("Output tokens/s"));
    m_inFlight = new QLineSeries(this);
    m_inFlight->setName(tr("Requests in flight"));
    addSeries(m_tokens);
    addSeries(m_inFlight);
    m_tokens->attachAxis(m_x);
    m_tokens->attachAxis(m_tps);
    m_inFlight->attachAxis(m_x);
    m_inFlight->attachAxis(m_flight);
    TimelineChart::restyle();
    clearTimeline(tr("No level selected"));
}

void TimelineChart::restyle() {
    m_tokens->setPen(QPen(RunPalette::color(RunPalette::Role::Accent, darkPalette()), 2.0));
    m_inFlight->setPen(QPen(RunPalette::color(RunPalette::Role::SecondSeries), 1.6, Qt::DashLine));
}

TimelineChart::~TimelineChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

void TimelineChart::setTimeline(const QString& label,
                                const QList<RunProgress::TimelinePoint>& points, bool live) {
    setTitle(live ? tr("Level %1 (running): tokens/s and requests in flight").arg(label)
                  : tr("Level %1: tokens/s and requests in flight").arg(label));
    QList<QPointF> tokens;
    QList<QPointF> flight;
    tokens.reserve(points.size());
    flight.reserve(points.size() * 2);
    double maxT = 1.0;
    double maxTps = 0.0;
    double maxFlight = 0.0;
    double previousT = 0.0;
    for (const RunProgress::TimelinePoint& p : points) {
        tokens.append(QPointF(p.secondsIntoLevel, p.tokensPerSecond));
        // In flight is a count over each second: draw it as steps, not slopes.
        flight.append(QPointF(previousT, p.inFlight));
        flight.append(QPointF(p.secondsIntoLevel, p.inFlight));
        previousT = p.secondsIntoLevel;
        maxT = std::max(maxT, p.secondsIntoLevel);
        maxTps = std::max(maxTps, p.tokensPerSecond);
        maxFlight = std::max(maxFlight, double(p.inFlight));
    }
    m_tokens->replace(tokens);
    m_inFlight->replace(flight);
    NiceAxis::apply(m_x, 0.0, maxT, 6);
    NiceAxis::apply(m_tps, 0.0, maxTps > 0 ? maxTps * 1.1 : 1.0, 5);
    // Whole requests: never let a small count produce ticks at 0.25.
    NiceAxis::apply(m_flight, 0.0, std::max(5.0, maxFlight * 1.1), 5);
}

void TimelineChart::clearTimeline(const QString& reason) {
    setTitle(tr("Level timeline: %1").arg(reason));
    m_tokens->replace(QList<QPointF>());
    m_inFlight->replace(QList<QPointF>());
    NiceAxis::apply(m_x, 0.0, 10.0, 5);
    NiceAxis::apply(m_tps, 0.0, 1.0, 5);
    NiceAxis::apply(m_flight, 0.0, 5.0, 5);
}
