#pragma once

#include "charts/plateauchart.h"
#include "models/runcollection.h"

#include <QList>
#include <memory>
#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QLegendMarker;

// Common ground of the charts that draw one set of series per run (throughput vs latency,
// throughput and latency vs load): keeping each run's series in step with the
// RunCollection as runs come and go, and a legend that lists every run (a hidden run's
// entry dimmed, so a click on it brings the run back).
class RunSeriesChart : public PlateauChart {
    Q_OBJECT
public:
    explicit RunSeriesChart(RunCollection* runs, QGraphicsItem* parent = nullptr);
    ~RunSeriesChart() override;

protected:
    // What a chart keeps per run; each chart extends it with its own series.
    struct RunEntry {
        virtual ~RunEntry() = default;
        int runId = -1;
        QList<QAbstractSeries*> series; // added through addRunSeries, removed with the run
    };

    // Called for each run new to the chart: create its entry, add its series (in drawing
    // order) with addRunSeries.
    virtual std::unique_ptr<RunEntry> createEntry(const RunCollection::Run& run) = 0;

    // Drops the series of runs that are gone and creates those of new runs. True when a
    // run was added (its series are then last in the legend).
    bool syncRuns();
    void addRunSeries(RunEntry& entry, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y);
    // A click on the series' legend entry shows or hides the run on every chart.
    void toggleRunOnLegendClick(QAbstractSeries* series, int runId);
    // The series' legend markers, listed whether the run is shown or not; a hidden run's
    // label is dimmed (the caller dims the marker itself, as its pen and brush differ).
    QList<QLegendMarker*> listRunInLegend(QAbstractSeries* series, bool runVisible);

    RunCollection* runs() const { return m_runs; }
    RunEntry* entryOf(int runId) const;
    template <class Entry> Entry* entryOf(int runId) const {
        return static_cast<Entry*>(entryOf(runId));
    }
    template <class Entry> QList<Entry*> entries() const {
        QList<Entry*> all;
        all.reserve(qsizetype(m_entries.size()));
        for (const auto& entry : m_entries)
            all.append(static_cast<Entry*>(entry.get()));
        return all;
    }

private:
    RunCollection* m_runs;
    std::vector<std::unique_ptr<RunEntry>> m_entries;
};
