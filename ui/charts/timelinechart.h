#pragma once

#include "charts/plateauchart.h"
#include "models/leveltimeline.h"
#include "sweep/runprogress.h"

#include <QList>
#include <QString>

class QLineSeries;
class QValueAxis;

// One level's second-by-second story: output tokens/s (left axis) and requests in flight
// (right axis, as steps). Live during a run (RunProgress::timeline); afterwards rebuilt
// from the records of the selected level. When the run scraped the server's own metrics
// (issue 12), the server's lines join on the same time axis: its generation tokens/s beside
// the client's (left), sequences running and requests waiting beside the requests in flight
// (right), and KV-cache usage on an axis of its own (%, right); without them those lines,
// their legend entries and the KV axis are hidden.
class TimelineChart : public PlateauChart {
    Q_OBJECT
public:
    explicit TimelineChart(QGraphicsItem* parent = nullptr);
    ~TimelineChart() override;

    // `label` names the level ("c=64"); `live` adds "(running)" to the title.
    void setTimeline(const QString& label, const QList<RunProgress::TimelinePoint>& points,
                     bool live, const ServerTimelineLines& server = {});
    void clearTimeline(const QString& reason);

    QLineSeries* tokensSeries() const { return m_tokens; }
    QLineSeries* inFlightSeries() const { return m_inFlight; }
    QLineSeries* serverTokensSeries() const { return m_serverTps; }
    QLineSeries* serverRunningSeries() const { return m_running; }
    QLineSeries* serverWaitingSeries() const { return m_waiting; }
    QLineSeries* serverKvSeries() const { return m_kv; }
    QValueAxis* kvAxis() const { return m_kvAxis; }
    bool showsServerLines() const;

protected:
    void restyle() override;

private:
    void setServerLines(const ServerTimelineLines& server);

    QValueAxis* m_x;
    QValueAxis* m_tps;
    QValueAxis* m_flight;
    QValueAxis* m_kvAxis;
    QLineSeries* m_tokens;
    QLineSeries* m_inFlight;
    QLineSeries* m_serverTps;
    QLineSeries* m_running;
    QLineSeries* m_waiting;
    QLineSeries* m_kv;
};
