// ThroughputLatencyChart's batch-size curves (issue 14): an embeddings sweep over batch sizes
// draws one curve per size, the first on the run's own line. Kept apart from the chart's
// refresh so that file stays within the size rule.
#include "charts/batchcurves.h"
#include "charts/throughputlatencychart.h"
#include "charts/throughputlatencyseries.h"

#include <QLineSeries>
#include <QValueAxis>

QList<QLineSeries*> ThroughputLatencyChart::batchSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    if (!rs || rs->batchLines.isEmpty() || rs->batchLines.constFirst()->count() == 0)
        return rs ? QList<QLineSeries*>{rs->line} : QList<QLineSeries*>();
    QList<QLineSeries*> lines{rs->line};
    for (QLineSeries* line : rs->batchLines)
        if (line->count() > 0)
            lines.append(line);
    return lines;
}

// A batch-size sweep (issue 14): one curve per batch size, the first on the run's own line.
void ThroughputLatencyChart::drawBatchCurves(RunSeries* rs, const QString& runName) {
    const QList<int> sizes = BatchCurves::sizesOf(rs->batches);
    while (rs->batchLines.size() < sizes.size() - 1) {
        auto* line = new QLineSeries(this);
        addRunSeries(*rs, line, m_x, m_y);
        toggleRunOnLegendClick(line, rs->runId);
        rs->batchLines.append(line);
    }
    for (qsizetype i = 0; i < rs->batchLines.size(); ++i) {
        QLineSeries* line = rs->batchLines.at(i);
        const int curve = int(i) + 1;
        line->replace(curve < sizes.size()
                          ? BatchCurves::pointsOf(rs->data, rs->batches, sizes.at(curve))
                          : QList<QPointF>());
        if (curve < sizes.size())
            line->setName(BatchCurves::name(runName, sizes.at(curve), curve));
        line->setPen(BatchCurves::pen(rs->color, curve));
        line->setVisible(rs->visible && line->count() > 0);
    }
    if (sizes.size() < 2)
        return;
    rs->line->replace(BatchCurves::pointsOf(rs->data, rs->batches, sizes.constFirst()));
    rs->line->setName(BatchCurves::name(runName, sizes.constFirst(), 0));
}
