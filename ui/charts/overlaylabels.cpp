#include "charts/overlaylabels.h"

#include <QBrush>
#include <QGraphicsSimpleTextItem>

namespace {
bool segmentHitsRect(const QLineF& line, const QRectF& rect) {
    if (rect.contains(line.p1()) || rect.contains(line.p2()))
        return true;
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()},
                            {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()},
                            {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF& edge : edges) {
        if (line.intersects(edge, nullptr) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}
} // namespace

OverlayLabels::OverlayLabels(QGraphicsItem* parent)
    : m_parent(parent) {}

void OverlayLabels::begin(const QRectF& bounds) {
    m_bounds = bounds;
    m_used = 0;
    m_rects.clear();
    m_lines.clear();
    m_labelRects.clear();
}

void OverlayLabels::addObstacle(const QRectF& rect) {
    m_rects.append(rect);
}

void OverlayLabels::addObstacle(const QLineF& segment) {
    m_lines.append(segment);
}

bool OverlayLabels::isFree(const QRectF& rect) const {
    if (!m_bounds.contains(rect))
        return false;
    for (const QRectF& other : m_rects) {
        if (other.intersects(rect))
            return false;
    }
    for (const QLineF& line : m_lines) {
        if (segmentHitsRect(line, rect))
            return false;
    }
    return true;
}

void OverlayLabels::add(const QString& text, const QPointF& anchor, const QColor& color,
                        const QFont& font) {
    if (!m_bounds.contains(anchor))
        return;
    if (m_used == m_items.size()) {
        auto* item = new QGraphicsSimpleTextItem(m_parent);
        item->setZValue(10); // above the series
        m_items.append(item);
    }
    QGraphicsSimpleTextItem* item = m_items.at(m_used++);
    item->setFont(font);
    item->setText(text);
    item->setBrush(color);
    const QSizeF size = item->boundingRect().size();
    const double w = size.width();
    const double h = size.height();
    const double gap = 7.0;
    // Preferred spots, nearest first: left-above and right-below suit a rising curve
    // whose segments leave each point towards the upper right.
    const QPointF offsets[] = {
        {-w - gap, -h},         {gap, 0.0},        {-w / 2, -h - gap},  {-w / 2, gap},
        {-w - gap, -h / 2},     {gap, -h / 2},     {gap, -h - gap / 2}, {-w - gap, gap / 2},
        {-w / 2, -h - 2 * gap}, {-w / 2, 2 * gap},
    };
    QRectF chosen;
    for (const QPointF& offset : offsets) {
        const QRectF rect(anchor + offset, size);
        if (isFree(rect)) {
            chosen = rect;
            break;
        }
    }
    if (chosen.isNull()) {
        // Too crowded to say which point a label belongs to: leave it out (the tooltip
        // still names the point) rather than print labels over each other.
        item->setVisible(false);
        --m_used;
        return;
    }
    item->setPos(chosen.topLeft());
    item->setVisible(true);
    m_rects.append(chosen);
    m_labelRects.append(chosen);
}

void OverlayLabels::end() {
    for (qsizetype i = m_used; i < m_items.size(); ++i)
        m_items.at(i)->setVisible(false);
}

QStringList OverlayLabels::texts() const {
    QStringList list;
    for (qsizetype i = 0; i < m_used; ++i)
        list.append(m_items.at(i)->text());
    return list;
}

QList<QRectF> OverlayLabels::rects() const {
    return m_labelRects;
}
