#pragma once

#include "charts/levelmarkers.h"
#include "charts/throughputlatencychart.h"
#include "metrics/figureinterval.h"

#include <QColor>
#include <QLineSeries>
#include <QList>
#include <QPointF>
#include <QScatterSeries>
#include <QStringList>
#include <memory>

// Private to ThroughputLatencyChart (its .cpp files): one run's series and the points
// refresh() collected for it, which the overlay layout and the tooltips read back.
struct ThroughputLatencyChart::RunSeries : RunSeriesChart::RunEntry {
    QLineSeries* line = nullptr;
    std::unique_ptr<LevelMarkers> markers;
    QLineSeries* plateau = nullptr;
    QScatterSeries* knee = nullptr;
    QScatterSeries* best = nullptr;
    QList<QPointF> data; // in axis units, one per drawn level
    QList<int> levels;   // LevelSummary::index of each point
    QList<double> loads; // concurrency (or rate) of each point
    QList<bool> complete;
    QList<FigureInterval> xCi, yCi; // 95% intervals of the latency and the throughput
    QList<int> batches;             // a batch-size sweep: each point's size (issue 14)
    QList<QLineSeries*> batchLines; // its curves after the first (which is `line`)
    QStringList labels;
    bool visible = false;
    QColor color;

    QList<QXYSeries*> decorations() const { return {plateau, knee, best}; }
    void clearPoints() {
        data.clear();
        levels.clear();
        loads.clear();
        labels.clear();
        complete.clear();
        xCi.clear();
        yCi.clear();
        batches.clear();
    }
};
