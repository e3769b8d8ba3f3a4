#pragma once

#include "charts/plateauchart.h"

#include <QList>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;
class RunCollection;

// TTFT (left axis, solid) and TPOT (right axis, dashed) at p50/p90/p95/p99 against
// concurrency on a log2 axis, for the current run: how the tail spreads as load rises.
class PercentilesChart : public PlateauChart {
    Q_OBJECT
public:
    explicit PercentilesChart(RunCollection* runs, QGraphicsItem* parent = nullptr);
    ~PercentilesChart() override;

    void refresh();

    // Series in the order TTFT p50, p90, p95, p99, TPOT p50, p90, p95, p99.
    const QList<QLineSeries*>& allSeries() const { return m_series; }
    QLogValueAxis* xAxis() const { return m_x; }

protected:
    void restyle() override;

private:
    RunCollection* m_runs;
    QLogValueAxis* m_x;
    QValueAxis* m_ttft;
    QValueAxis* m_tpot;
    QList<QLineSeries*> m_series;
};
