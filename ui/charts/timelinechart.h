#pragma once

#include "charts/plateauchart.h"
#include "sweep/runprogress.h"

#include <QList>
#include <QString>

class QLineSeries;
class QValueAxis;

// One level's second-by-second story: output tokens/s (left axis) and requests in flight
// (right axis, as steps). Live during a run (RunProgress::timeline); afterwards rebuilt
// from the records of the selected level.
class TimelineChart : public PlateauChart {
    Q_OBJECT
public:
    explicit TimelineChart(QGraphicsItem* parent = nullptr);
    ~TimelineChart() override;

    // `label` names the level ("c=64"); `live` adds "(running)" to the title.
    void setTimeline(const QString& label, const QList<RunProgress::TimelinePoint>& points,
                     bool live);
    void clearTimeline(const QString& reason);

    QLineSeries* tokensSeries() const { return m_tokens; }
    QLineSeries* inFlightSeries() const { return m_inFlight; }

protected:
    void restyle() override;

private:
    QValueAxis* m_x;
    QValueAxis* m_tps;
    QValueAxis* m_flight;
    QLineSeries* m_tokens;
    QLineSeries* m_inFlight;
};
