#pragma once

#include "profile/latencymetric.h"
#include "sweep/runprogress.h"

#include <QSize>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>

class QChart;
class RunCollection;
struct RunResult;

// The four live charts in tabs: (1) throughput vs latency (the signature view), (2)
// throughput and latency vs concurrency (log2 axis), (3) TTFT/TPOT percentiles vs
// concurrency, (4) the current level's timeline. Redraws only on refresh() (driven by
// the main window's 5-10 Hz timer), never per token.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Chart { ThroughputLatency, VsConcurrency, Percentiles, Timeline };

    explicit ChartsPanel(RunCollection* runs, QWidget* parent = nullptr);
    ~ChartsPanel() override;

    void refresh();                                    // redraw from the RunCollection
    void setLiveProgress(const RunProgress& progress); // timeline of the current level
    void setLatencyAxis(LatencyMetric metric, LatencyStat stat);
    void selectLevel(int runId, int levelIndex); // highlight everywhere

    Chart currentChart() const;
    void setCurrentChart(Chart chart);
    // Export as the chart looks on screen (title, legend). PNG at size*scale pixels
    // (HiDPI-sharp), SVG at size. Returns false with a message on failure.
    bool exportChart(Chart chart, const QString& path, QSize size, double scale, QString* error);
    void copyChartToClipboard(Chart chart);

    // Added: the export dialog (format, size, scale, file) for a chart, as the context
    // menu offers it; the main window's File > Export can call it for currentChart().
    void showExportDialog(Chart chart);
    QChart* chart(Chart chart) const; // the chart object (tests, custom exports)
    LatencyMetric latencyMetric() const;
    LatencyStat latencyStat() const;
    // The 95% intervals as error bars on the throughput charts (on by default).
    void setErrorBarsShown(bool shown);
    bool errorBarsShown() const;

Q_SIGNALS:
    void levelClicked(int runId, int levelIndex);
    // "Measure c=N here" from a chart's context menu, between two of the run's levels.
    void measureRequested(int runId, double load);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTimeline();
    void buildTimelineOnWorker(int runId, const RunResult& result, int levelIndex);
    void showContextMenu(Chart chart, const QPoint& globalPos);
    // The current run and the load under `globalPos` on a throughput chart, if between levels.
    std::optional<std::pair<int, double>> loadUnder(Chart chart, const QPoint& globalPos) const;

    struct Private;
    Private* d;
};
