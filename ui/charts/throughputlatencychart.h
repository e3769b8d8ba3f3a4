#pragma once

#include "charts/errorbars.h"
#include "charts/overlaylabels.h"
#include "charts/runserieschart.h"
#include "profile/latencymetric.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <memory>

class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QXYSeries;
class BudgetLine;

// The signature view: one point per level (x = a latency metric and statistic, y = output
// tokens/s in the steady window), joined in level order and labelled "c=16", for every
// visible run in the run's colour. For the focused run (the current one) it adds the
// plateau line, the knee, the latency budget and the best level within the budget.
class ThroughputLatencyChart : public RunSeriesChart {
    Q_OBJECT
public:
    explicit ThroughputLatencyChart(RunCollection* runs, QGraphicsItem* parent = nullptr);
    ~ThroughputLatencyChart() override;

    void setLatencyAxis(LatencyMetric metric, LatencyStat stat);
    LatencyMetric latencyMetric() const { return m_metric; }
    LatencyStat latencyStat() const { return m_stat; }
    void selectLevel(int runId, int levelIndex);
    void refresh();
    void layoutOverlays() override;

    // Introspection for the panel, tooltips and tests.
    QString pointToolTip(int runId, int levelIndex) const;
    QLineSeries* lineSeries(int runId) const;
    // A batch-size sweep's curves (issue 14): the run's line first, then one per further size.
    QList<QLineSeries*> batchSeries(int runId) const;
    QScatterSeries* pointSeries(int runId) const;   // complete levels
    QScatterSeries* pendingSeries(int runId) const; // the running (or stopped) level
    QLineSeries* plateauSeries(int runId) const;
    QScatterSeries* kneeSeries(int runId) const;
    QScatterSeries* bestSeries(int runId) const;
    QLineSeries* budgetSeries() const { return m_budget; }
    QStringList pointLabels(int runId) const;
    QList<double> pointLoads(int runId) const; // concurrency (or rate) of each point
    QString noteText() const; // the note over the plot ("No level measured yet", budget)
    double msPerUnit() const { return m_msPerUnit; } // 1 (ms axis) or 1000 (s axis)
    QValueAxis* xAxis() const { return m_x; }
    QValueAxis* yAxis() const { return m_y; }
    // The 95% intervals of the points (latency on x, throughput on y); shown by default.
    ErrorBars& errorBars() { return m_errorBars; }

Q_SIGNALS:
    void levelClicked(int runId, int levelIndex);

protected:
    void restyle() override { refresh(); } // every colour is set in refresh()

private:
    struct RunSeries;
    // The latency (ms) and throughput extent of the visible runs' points.
    struct Extent {
        double minXMs;
        double maxXMs;
        double maxY;
    };
    std::unique_ptr<RunEntry> createEntry(const RunCollection::Run& run) override;
    RunSeries* seriesOf(int runId) const;
    int focusRunId() const;
    // The steps of refresh(), in order.
    Extent collectPoints();
    double scaleAxes(Extent extent, const BudgetLine& budget, QString* note);
    void drawRun(RunSeries* rs, const RunCollection::Run& run, const QColor& background);
    void drawBatchCurves(RunSeries* rs, const QString& runName);
    void drawPlateau(RunSeries* rs, const RunCollection::Run& run);
    void drawKneeAndBest(RunSeries* rs, const RunCollection::Run& run, const QColor& background);
    void drawBudget(const BudgetLine& budget, double limitMs);
    void drawSelection();
    void updateLegend(int focus);
    void showNote(const QString& text);

    void onHovered(RunSeries* rs, const QPointF& point, bool state);
    void onClicked(RunSeries* rs, const QPointF& point);
    int nearestPoint(const RunSeries* rs, const QPointF& point) const;

    LatencyMetric m_metric = LatencyMetric::E2e;
    LatencyStat m_stat = LatencyStat::P50;
    double m_msPerUnit = 1.0;
    // A visible run measured embeddings (issue 14): y is inputs/s, x the e2e latency (there
    // is no TTFT/TPOT without a stream, so those choices read "n/a" in the note).
    bool m_embeddings = false;
    int m_selectedRun = -1;
    int m_selectedLevel = -1;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QLineSeries* m_budget;
    QScatterSeries* m_selection;
    QGraphicsSimpleTextItem* m_note; // budget not on this axis, or no data yet
    OverlayLabels m_labels{this};
    ErrorBars m_errorBars{this};
};
