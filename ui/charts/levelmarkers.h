#pragma once

#include <QColor>
#include <QList>
#include <QPointF>

class QObject;
class QScatterSeries;

// The markers of one run's levels on the signature chart, as two scatter series: complete
// levels filled in the run's colour, a level still running (or cut short by a stop) hollow,
// ringed in it, since its figures are not final and the live curve should not look settled
// where it is not. The chart owns the series (they are its children).
class LevelMarkers {
public:
    explicit LevelMarkers(QObject* parent);

    QScatterSeries* settled() const { return m_settled; }
    QScatterSeries* pending() const { return m_pending; }
    QList<QScatterSeries*> series() const { return {m_settled, m_pending}; }

    // One point per level, with whether that level completed.
    void update(const QList<QPointF>& points, const QList<bool>& complete, const QColor& color,
                const QColor& background, bool visible);

private:
    QScatterSeries* m_settled;
    QScatterSeries* m_pending;
};
