#pragma once

#include <QColor>
#include <QFont>
#include <QLineF>
#include <QList>
#include <QRectF>
#include <QStringList>

class QGraphicsItem;
class QGraphicsSimpleTextItem;

// Text labels next to chart points ("c=16"), placed where they overlap neither each other
// nor the markers and lines registered as obstacles. Qt 6.4's per-point label format is
// a single pattern for the whole series, which cannot name each level, hence this.
// Items are pooled: a refresh re-places them, it does not re-create them.
class OverlayLabels {
public:
    explicit OverlayLabels(QGraphicsItem* parent);

    void begin(const QRectF& bounds); // the plot area: labels stay inside it
    void addObstacle(const QRectF& rect);
    void addObstacle(const QLineF& segment);
    void add(const QString& text, const QPointF& anchor, const QColor& color, const QFont& font);
    void end(); // hides the items this pass did not use

    QStringList texts() const; // of the visible labels, in placement order
    QList<QRectF> rects() const;

private:
    bool isFree(const QRectF& rect) const;

    QGraphicsItem* m_parent;
    QList<QGraphicsSimpleTextItem*> m_items;
    qsizetype m_used = 0;
    QRectF m_bounds;
    QList<QRectF> m_rects; // placed labels and registered obstacles
    QList<QLineF> m_lines;
    QList<QRectF> m_labelRects;
};
