#include "charts/errorbars.h"

#include "metrics/latencyvalues.h"
#include "models/levelmetrics.h"

#include <QChart>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QPainterPath>
#include <QPen>

#include <cmath>

namespace {
constexpr double kCapHalfLength = 3.5; // pixels either side of the bar's end
// Above the plot's grid and lines, under the legend and the overlay labels (z 20).
constexpr double kZValue = 6.0;
} // namespace

ErrorBars::ErrorBars(QChart* chart)
    : m_chart(chart)
    , m_clip(new QGraphicsRectItem(chart)) {
    m_clip->setPen(Qt::NoPen);
    m_clip->setBrush(Qt::NoBrush);
    m_clip->setFlag(QGraphicsItem::ItemClipsChildrenToShape);
    m_clip->setZValue(kZValue);
}

void ErrorBars::setShown(bool shown) {
    m_shown = shown;
    layout();
}

void ErrorBars::clear() {
    m_bars.clear();
}

void ErrorBars::add(const QPointF& point, const FigureInterval& ci, double scale,
                    Qt::Orientation orientation, const QColor& color, QAbstractSeries* series) {
    if (!ci.ok() || !(scale > 0.0) || !std::isfinite(point.x()) || !std::isfinite(point.y()))
        return;
    m_bars.append({point, ci.lo / scale, ci.hi / scale, orientation, color, series});
}

void ErrorBars::layout() {
    m_segments.clear();
    m_clip->setRect(m_chart->plotArea());
    m_clip->setVisible(m_shown);
    qsizetype used = 0;
    if (m_shown) {
        for (const Bar& bar : m_bars) {
            const bool horizontal = bar.orientation == Qt::Horizontal;
            const QPointF from =
                horizontal ? QPointF(bar.lo, bar.point.y()) : QPointF(bar.point.x(), bar.lo);
            const QPointF to =
                horizontal ? QPointF(bar.hi, bar.point.y()) : QPointF(bar.point.x(), bar.hi);
            const QLineF line(m_chart->mapToPosition(from, bar.series),
                              m_chart->mapToPosition(to, bar.series));
            m_segments.append(line);
            const QPointF cap =
                horizontal ? QPointF(0, kCapHalfLength) : QPointF(kCapHalfLength, 0);
            QPainterPath path(line.p1());
            path.lineTo(line.p2());
            for (const QPointF& end : {line.p1(), line.p2()}) {
                path.moveTo(end - cap);
                path.lineTo(end + cap);
            }
            if (used == m_items.size())
                m_items.append(new QGraphicsPathItem(m_clip));
            QGraphicsPathItem* item = m_items.at(used++);
            QColor color = bar.color;
            color.setAlphaF(0.75f); // the bars frame the points without hiding the line
            item->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::FlatCap));
            item->setPath(path);
            item->setVisible(true);
        }
    }
    for (qsizetype i = used; i < m_items.size(); ++i)
        m_items.at(i)->setVisible(false);
}

FigureInterval ErrorBars::latencyInterval(const LevelSummary& level, LatencyMetric metric,
                                          LatencyStat stat) {
    return LatencyValues::intervalOf(LatencyValues::of(level, metric), stat);
}
