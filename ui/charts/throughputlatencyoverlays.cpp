// ThroughputLatencyChart's overlays: the note over the plot and the point labels, placed
// around everything already drawn (points, lines, markers, the budget line, error bars).
#include "charts/throughputlatencychart.h"

#include "charts/throughputlatencyseries.h"
#include "models/runpalette.h"

#include <QGraphicsSimpleTextItem>

void ThroughputLatencyChart::showNote(const QString& text) {
    m_note->setBrush(textColor()); // here, not once: the palette may turn dark
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    layoutOverlays();
}

void ThroughputLatencyChart::layoutOverlays() {
    const QRectF area = plotArea();
    m_errorBars.layout();
    m_labels.begin(area);
    for (const RunSeries* rs : entries<RunSeries>()) {
        if (!rs->visible)
            continue;
        QPointF previous;
        for (qsizetype i = 0; i < rs->data.size(); ++i) {
            const QPointF p = mapToPosition(rs->data.at(i), rs->line);
            m_labels.addObstacle(QRectF(p - QPointF(6, 6), QSizeF(12, 12)));
            if (i > 0)
                m_labels.addObstacle(QLineF(previous, p));
            previous = p;
        }
    }
    for (const RunSeries* rs : entries<RunSeries>()) {
        if (!rs->visible)
            continue;
        for (QScatterSeries* s : {rs->best, rs->knee}) {
            if (s->count() == 0)
                continue;
            const QPointF p = mapToPosition(s->at(0), s);
            const double r = s->markerSize() / 2 + 1;
            m_labels.addObstacle(QRectF(p - QPointF(r, r), QSizeF(2 * r, 2 * r)));
        }
    }
    if (m_budget->count() == 2)
        m_labels.addObstacle(QLineF(mapToPosition(m_budget->at(0), m_budget),
                                    mapToPosition(m_budget->at(1), m_budget)));
    if (m_note->isVisible()) {
        const QSizeF size = m_note->boundingRect().size();
        m_note->setPos(area.right() - size.width() - 6, area.top() + 4);
        m_labels.addObstacle(QRectF(m_note->pos(), size));
    }
    for (const QLineF& bar : m_errorBars.segments())
        m_labels.addObstacle(bar);
    const QFont font = overlayFont();
    for (const RunSeries* rs : entries<RunSeries>()) {
        if (!rs->visible)
            continue;
        const QColor color = RunPalette::pointLabel(rs->color, darkPalette());
        for (qsizetype i = 0; i < rs->data.size(); ++i)
            m_labels.add(rs->labels.at(i), mapToPosition(rs->data.at(i), rs->line), color, font);
    }
    m_labels.end();
}
