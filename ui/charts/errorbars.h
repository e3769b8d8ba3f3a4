#pragma once

#include "metrics/figureinterval.h"
#include "profile/latencymetric.h"

#include <QColor>
#include <QLineF>
#include <QList>
#include <QPointF>
#include <QString>

class QAbstractSeries;
class QChart;
class QGraphicsPathItem;
class QGraphicsRectItem;
struct LevelSummary;

// The 95% intervals of chart points drawn as error bars: a line from lo to hi through the
// point with a short cap at each end, horizontal for a latency percentile on the x axis,
// vertical for a figure on a y axis. QtCharts 6.4 has no error-bar series and a QLineSeries
// cannot break between segments (NaN points are not supported), so the bars are graphics
// items mapped from values with QChart::mapToPosition, like the point labels, inside a
// container that clips them to the plot area. Items are pooled: a refresh re-places them.
class ErrorBars {
public:
    struct Bar {
        QPointF point;   // the figure, in the series' axis units
        double lo = 0.0; // its interval along the bar, same units
        double hi = 0.0;
        Qt::Orientation orientation{}; // Horizontal: lo..hi on x; Vertical: on y
        QColor color;
        QAbstractSeries* series = nullptr; // whose axes map the values
    };

    explicit ErrorBars(QChart* chart);

    void setShown(bool shown); // the user's toggle; layout() draws nothing while hidden
    bool isShown() const { return m_shown; }

    void clear();
    // A bar for `ci` (divided by `scale`, e.g. ms -> s) through `point`; nothing when the
    // figure has no interval.
    void add(const QPointF& point, const FigureInterval& ci, double scale,
             Qt::Orientation orientation, const QColor& color, QAbstractSeries* series);
    // Maps every bar to the current plot area (after axes or size changed).
    void layout();

    const QList<Bar>& bars() const { return m_bars; }
    // Where bar i's line is drawn, in chart coordinates (tests, label obstacles).
    QList<QLineF> segments() const { return m_segments; }

    // The interval of a level's latency statistic (e2e p95); none for non-percentiles.
    static FigureInterval latencyInterval(const LevelSummary& level, LatencyMetric metric,
                                          LatencyStat stat);

private:
    QChart* m_chart;
    QGraphicsRectItem* m_clip;
    QList<QGraphicsPathItem*> m_items;
    QList<Bar> m_bars;
    QList<QLineF> m_segments;
    bool m_shown = true;
};
