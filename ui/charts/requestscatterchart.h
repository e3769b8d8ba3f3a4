#pragma once

#include "charts/plateauchart.h"
#include "models/requestscatter.h"

#include <QColor>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

// One level's requests as a scatter (RequestScatter): TTFT against input tokens, end-to-end
// time against output tokens, or TTFT by conversation turn with the turns' p50 and p90
// joined by lines. What a level-wide percentile hides — that long prompts wait longer —
// shows here as a slope.
class RequestScatterChart : public PlateauChart {
    Q_OBJECT
public:
    explicit RequestScatterChart(QGraphicsItem* parent = nullptr);

    // color: the run's own (RunCollection); title names the level.
    void setScatter(const RequestScatter& scatter, const QColor& color, const QString& title);

    QScatterSeries* points() const { return m_points; }
    QLineSeries* p50Line() const { return m_p50; }
    QLineSeries* p90Line() const { return m_p90; }
    QValueAxis* xAxis() const { return m_x; }
    QValueAxis* yAxis() const { return m_y; }

protected:
    void restyle() override;

private:
    QScatterSeries* m_points;
    QLineSeries* m_p50;
    QLineSeries* m_p90;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QColor m_color;
};
