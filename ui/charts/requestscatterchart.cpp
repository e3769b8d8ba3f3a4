#include "charts/requestscatterchart.h"

#include "charts/niceaxis.h"
#include "models/runpalette.h"

#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

RequestScatterChart::RequestScatterChart(QGraphicsItem* parent)
    : PlateauChart(parent)
    , m_points(new QScatterSeries(this))
    , m_p50(new QLineSeries(this))
    , m_p90(new QLineSeries(this))
    , m_color(RunPalette::colors().constFirst()) {
    m_points->setName(tr("Requests"));
    m_p50->setName(tr("p50"));
    m_p90->setName(tr("p90"));
    m_x = addValueAxis(tr("Input tokens"), Qt::AlignBottom);
    m_y = addValueAxis(tr("TTFT (ms)"), Qt::AlignLeft);
    for (QXYSeries* series : {static_cast<QXYSeries*>(m_points), static_cast<QXYSeries*>(m_p50),
                              static_cast<QXYSeries*>(m_p90)}) {
        addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    restyle();
}

void RequestScatterChart::restyle() {
    QColor fill = m_color;
    fill.setAlphaF(0.45f);
    m_points->setColor(fill);
    m_points->setBorderColor(m_color);
    m_points->setMarkerSize(6.0);
    // The percentile lines in the palette's next colour, so they stand out from the points.
    const QList<QColor>& palette = RunPalette::colors();
    const QColor line = palette.at((palette.indexOf(m_color) + 1) % palette.size());
    m_p50->setPen(QPen(line, 2.0));
    m_p90->setPen(QPen(line, 2.0, Qt::DashLine));
}

void RequestScatterChart::setScatter(const RequestScatter& scatter, const QColor& color,
                                     const QString& title) {
    m_color = color.isValid() ? color : RunPalette::colors().constFirst();
    restyle();
    setTitle(title);
    m_points->replace(scatter.points);
    m_p50->replace(scatter.p50);
    m_p90->replace(scatter.p90);
    const bool byTurn = scatter.view == RequestScatter::View::TtftByTurn;
    m_p50->setVisible(byTurn);
    m_p90->setVisible(byTurn);
    showInLegend(m_p50, byTurn);
    showInLegend(m_p90, byTurn);
    m_x->setTitleText(scatter.xTitle);
    m_y->setTitleText(scatter.yTitle);

    double maxX = 1.0;
    double maxY = 1.0;
    for (const QPointF& point : scatter.points) {
        maxX = std::max(maxX, point.x());
        maxY = std::max(maxY, point.y());
    }
    for (const QPointF& point : scatter.p90)
        maxY = std::max(maxY, point.y());
    if (byTurn) {
        // Turns are whole numbers: one tick per turn, half a turn of room on each side.
        m_x->setRange(0.5, maxX + 0.5);
        m_x->setLabelFormat(QStringLiteral("%.0f"));
        m_x->setTickType(QValueAxis::TicksDynamic);
        m_x->setTickAnchor(1.0);
        m_x->setTickInterval(std::max(1.0, std::ceil(maxX / 12.0)));
    } else {
        NiceAxis::apply(m_x, 0.0, maxX);
    }
    NiceAxis::apply(m_y, 0.0, maxY);
}
