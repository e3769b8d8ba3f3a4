#include "charts/levelmarkers.h"

#include <QPen>
#include <QScatterSeries>

namespace {
constexpr double kMarkerSize = 10.0;
}

LevelMarkers::LevelMarkers(QObject* parent)
    : m_settled(new QScatterSeries(parent))
    , m_pending(new QScatterSeries(parent)) {
    m_settled->setMarkerSize(kMarkerSize);
    m_pending->setMarkerSize(kMarkerSize);
}

void LevelMarkers::update(const QList<QPointF>& points, const QList<bool>& complete,
                          const QColor& color, const QColor& background, bool visible) {
    QList<QPointF> settled;
    QList<QPointF> pending;
    for (qsizetype i = 0; i < points.size(); ++i)
        (complete.value(i, true) ? settled : pending).append(points.at(i));
    m_settled->replace(settled);
    m_pending->replace(pending);
    m_settled->setColor(color);
    m_settled->setBorderColor(background);
    m_pending->setColor(background);
    m_pending->setPen(QPen(color, 2.0));
    m_settled->setVisible(visible);
    m_pending->setVisible(visible);
}
