#pragma once

#include "charts/errorbars.h"
#include "charts/runserieschart.h"
#include "profile/latencymetric.h"

#include <QList>
#include <QString>
#include <memory>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

// Throughput (left axis, solid) and a latency statistic (right axis, dashed) against
// concurrency, or request rate, on a log2 axis, one pair of lines per visible run.
class VsConcurrencyChart : public RunSeriesChart {
    Q_OBJECT
public:
    explicit VsConcurrencyChart(RunCollection* runs, QGraphicsItem* parent = nullptr);
    ~VsConcurrencyChart() override;

    void setLatencyAxis(LatencyMetric metric, LatencyStat stat);
    void refresh();
    void layoutOverlays() override;

    QLineSeries* throughputSeries(int runId) const;
    QLineSeries* latencySeries(int runId) const;
    QLogValueAxis* xAxis() const { return m_x; }
    QValueAxis* throughputAxis() const { return m_tps; }
    QValueAxis* latencyAxis() const { return m_latency; }
    // The 95% intervals of both lines' points, vertical; shown by default.
    ErrorBars& errorBars() { return m_errorBars; }

Q_SIGNALS:
    void levelClicked(int runId, int levelIndex);

protected:
    void restyle() override { refresh(); } // every colour is set in refresh()

private:
    struct RunSeries;
    std::unique_ptr<RunEntry> createEntry(const RunCollection::Run& run) override;
    RunSeries* seriesOf(int runId) const;
    void drawRun(RunSeries* rs, const RunCollection::Run& run, bool several);
    void pointEvent(RunSeries* rs, const QPointF& point, bool click);

    LatencyMetric m_metric = LatencyMetric::E2e;
    LatencyStat m_stat = LatencyStat::P50;
    double m_msPerUnit = 1.0;
    QLogValueAxis* m_x;
    QValueAxis* m_tps;
    QValueAxis* m_latency;
    ErrorBars m_errorBars{this};
};
