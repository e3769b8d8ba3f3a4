#pragma once

#include <QColor>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>

// A batch-size sweep on the throughput-latency chart (issue 14): each batch size of a run is
// its own curve, joined in load order within its size only, in the run's colour with its own
// dash so the curves read apart, named "batch 8" in the legend.
class BatchCurves {
public:
    // The batch sizes of a run's points in order of first appearance (0: not embeddings).
    // Fewer than two: the run is one curve.
    static QList<int> sizesOf(const QList<int>& pointBatches);
    // The points whose batch size is `size`, in their order.
    static QList<QPointF> pointsOf(const QList<QPointF>& data, const QList<int>& pointBatches,
                                   int size);
    // Curve `curve` (0 = the first size) of a run drawn in `color`.
    static QPen pen(const QColor& color, int curve);
    // "Run A · batch 1" for the run's first curve (it carries the run's legend entry), then
    // "batch 8".
    static QString name(const QString& runName, int size, int curve);
};
