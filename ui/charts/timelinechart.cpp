#include "charts/timelinechart.h"

#include "charts/niceaxis.h"
#include "models/runpalette.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace {
double maxY(const QList<QPointF>& points) {
    double max = 0.0;
    for (const QPointF& point : points)
        max = std::max(max, point.y());
    return max;
}

double lastX(const QList<QPointF>& points) {
    return points.isEmpty() ? 0.0 : points.constLast().x();
}
} // namespace

TimelineChart::TimelineChart(QGraphicsItem* parent)
    : PlateauChart(parent) {
    m_x = addValueAxis(tr("Seconds into the level"), Qt::AlignBottom);
    m_tps = addValueAxis(tr("Output tokens/s"), Qt::AlignLeft);
    m_flight = addValueAxis(tr("Requests in flight"), Qt::AlignRight);
    m_kvAxis = addValueAxis(tr("Server KV cache %"), Qt::AlignRight);
    // One grid is enough: the right axes' lines would not line up with the left's.
    m_flight->setGridLineVisible(false);
    m_kvAxis->setGridLineVisible(false);
    const auto line = [this](const QString& name, QValueAxis* y) {
        auto* series = new QLineSeries(this);
        series->setName(name);
        addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(y);
        return series;
    };
    m_tokens = line(tr("Output tokens/s"), m_tps);
    m_inFlight = line(tr("Requests in flight"), m_flight);
    m_serverTps = line(tr("Server generation tok/s"), m_tps);
    m_running = line(tr("Server running"), m_flight);
    m_waiting = line(tr("Server waiting"), m_flight);
    m_kv = line(tr("Server KV cache %"), m_kvAxis);
    TimelineChart::restyle();
    clearTimeline(tr("No level selected"));
}

void TimelineChart::restyle() {
    m_tokens->setPen(QPen(RunPalette::color(RunPalette::Role::Accent, darkPalette()), 2.0));
    m_inFlight->setPen(QPen(RunPalette::color(RunPalette::Role::SecondSeries), 1.6, Qt::DashLine));
    // The server's lines in the other Okabe-Ito hues: its tok/s solid beside the client's,
    // its counts dotted beside the requests in flight.
    const QList<QColor>& hues = RunPalette::colors();
    m_serverTps->setPen(QPen(hues.at(2), 1.6));
    m_running->setPen(QPen(hues.at(3), 1.6, Qt::DotLine));
    m_waiting->setPen(QPen(hues.at(4), 1.6, Qt::DotLine));
    m_kv->setPen(QPen(darkPalette() ? hues.at(7).lighter(180) : hues.at(6), 1.6, Qt::DashDotLine));
}

TimelineChart::~TimelineChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

bool TimelineChart::showsServerLines() const {
    return m_serverTps->isVisible() || m_running->isVisible() || m_waiting->isVisible() ||
           m_kv->isVisible();
}

void TimelineChart::setTimeline(const QString& label,
                                const QList<RunProgress::TimelinePoint>& points, bool live,
                                const ServerTimelineLines& server) {
    const QString what = server.isEmpty() ? tr("tokens/s and requests in flight")
                                          : tr("tokens/s, requests in flight and the server");
    setTitle(live ? tr("Level %1 (running): %2").arg(label, what)
                  : tr("Level %1: %2").arg(label, what));
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
    setServerLines(server);
    // The server's lines share the axes: they must fit them too.
    maxT = std::max({maxT, lastX(server.generationTps), lastX(server.running),
                     lastX(server.waiting), lastX(server.kvPercent)});
    maxTps = std::max(maxTps, maxY(server.generationTps));
    maxFlight = std::max({maxFlight, maxY(server.running), maxY(server.waiting)});
    NiceAxis::apply(m_x, 0.0, maxT, 6);
    NiceAxis::apply(m_tps, 0.0, maxTps > 0 ? maxTps * 1.1 : 1.0, 5);
    // Whole requests: never let a small count produce ticks at 0.25.
    NiceAxis::apply(m_flight, 0.0, std::max(5.0, maxFlight * 1.1), 5);
    m_flight->setTitleText(server.isEmpty() ? tr("Requests in flight")
                                            : tr("Requests / sequences"));
}

void TimelineChart::setServerLines(const ServerTimelineLines& server) {
    const bool shown = !server.isEmpty();
    m_serverTps->replace(server.generationTps);
    m_running->replace(server.running);
    m_waiting->replace(server.waiting);
    m_kv->replace(server.kvPercent);
    for (QLineSeries* series : {m_serverTps, m_running, m_waiting, m_kv}) {
        series->setVisible(shown && series->count() > 0);
        showInLegend(series, series->isVisible());
    }
    m_kvAxis->setVisible(m_kv->isVisible());
    m_kvAxis->setRange(0.0, 100.0);
    m_kvAxis->setTickCount(6);
    if (!server.engine.isEmpty() && shown)
        m_running->setName(tr("Server running (%1)").arg(server.engine));
    else
        m_running->setName(tr("Server running"));
}

void TimelineChart::clearTimeline(const QString& reason) {
    setTitle(tr("Level timeline: %1").arg(reason));
    m_tokens->replace(QList<QPointF>());
    m_inFlight->replace(QList<QPointF>());
    setServerLines({});
    m_flight->setTitleText(tr("Requests in flight"));
    NiceAxis::apply(m_x, 0.0, 10.0, 5);
    NiceAxis::apply(m_tps, 0.0, 1.0, 5);
    NiceAxis::apply(m_flight, 0.0, 5.0, 5);
}
