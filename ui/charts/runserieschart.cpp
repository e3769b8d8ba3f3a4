#include "charts/runserieschart.h"

#include "models/runpalette.h"

#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QLegend>
#include <QLegendMarker>

RunSeriesChart::RunSeriesChart(RunCollection* runs, QGraphicsItem* parent)
    : PlateauChart(parent)
    , m_runs(runs) {}

RunSeriesChart::~RunSeriesChart() = default;

RunSeriesChart::RunEntry* RunSeriesChart::entryOf(int runId) const {
    for (const auto& entry : m_entries) {
        if (entry->runId == runId)
            return entry.get();
    }
    return nullptr;
}

bool RunSeriesChart::syncRuns() {
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (m_runs->run((*it)->runId)) {
            ++it;
            continue;
        }
        for (QAbstractSeries* series : (*it)->series) {
            removeSeries(series);
            delete series;
        }
        it = m_entries.erase(it);
    }
    bool added = false;
    for (const RunCollection::Run& run : m_runs->runs()) {
        if (entryOf(run.id))
            continue;
        std::unique_ptr<RunEntry> entry = createEntry(run);
        entry->runId = run.id;
        m_entries.push_back(std::move(entry));
        added = true;
    }
    return added;
}

void RunSeriesChart::addRunSeries(RunEntry& entry, QAbstractSeries* series, QAbstractAxis* x,
                                  QAbstractAxis* y) {
    addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    entry.series.append(series);
}

void RunSeriesChart::toggleRunOnLegendClick(QAbstractSeries* series, int runId) {
    for (QLegendMarker* marker : legend()->markers(series)) {
        connect(marker, &QLegendMarker::clicked, this, [this, runId] {
            if (const RunCollection::Run* run = m_runs->run(runId))
                m_runs->setVisible(runId, !run->visible);
        });
    }
}

QList<QLegendMarker*> RunSeriesChart::listRunInLegend(QAbstractSeries* series, bool runVisible) {
    const QList<QLegendMarker*> markers = legend()->markers(series);
    for (QLegendMarker* marker : markers) {
        marker->setVisible(true);
        marker->setLabelBrush(runVisible ? legend()->labelColor()
                                         : RunPalette::color(RunPalette::Role::DimmedLegend));
    }
    return markers;
}
