#include "charts/throughputlatencychart.h"

#include "charts/batchcurves.h"
#include "charts/budgetline.h"
#include "charts/kneemarker.h"
#include "charts/niceaxis.h"
#include "charts/throughputlatencyseries.h"
#include "models/levelmetrics.h"
#include "models/leveltooltip.h"
#include "models/runcollection.h"
#include "models/runpalette.h"
#include "models/uiformat.h"

#include <QCursor>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

ThroughputLatencyChart::ThroughputLatencyChart(RunCollection* runs, QGraphicsItem* parent)
    : RunSeriesChart(runs, parent) {
    m_x = addValueAxis(QString(), Qt::AlignBottom);
    m_y = addValueAxis(tr("Output throughput (tok/s)"), Qt::AlignLeft);

    // Shared decorations first, so the runs' markers draw on top of them.
    m_selection = new QScatterSeries(this);
    m_selection->setMarkerSize(24);
    m_selection->setPen(Qt::NoPen);
    addSeries(m_selection);
    m_budget = new QLineSeries(this);
    addSeries(m_budget);
    for (QAbstractSeries* series :
         {static_cast<QAbstractSeries*>(m_selection), static_cast<QAbstractSeries*>(m_budget)}) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    hideFromLegend(m_selection);

    m_note = new QGraphicsSimpleTextItem(this);
    m_note->setFont(overlayFont());
    m_note->setZValue(20);

    connect(runs, &RunCollection::runsChanged, this, &ThroughputLatencyChart::refresh);
    // The current run is the one whose plateau, knee and budget the legend names.
    connect(runs, &RunCollection::currentChanged, this, &ThroughputLatencyChart::refresh);
    setLatencyAxis(m_metric, m_stat);
}

ThroughputLatencyChart::~ThroughputLatencyChart() {
    disconnect(this, &QChart::plotAreaChanged, this, nullptr);
}

void ThroughputLatencyChart::setLatencyAxis(LatencyMetric metric, LatencyStat stat) {
    m_metric = metric;
    m_stat = stat;
    refresh(); // sets the title too: an embeddings run changes both axes
}

void ThroughputLatencyChart::selectLevel(int runId, int levelIndex) {
    m_selectedRun = runId;
    m_selectedLevel = levelIndex;
    refresh();
}

ThroughputLatencyChart::RunSeries* ThroughputLatencyChart::seriesOf(int runId) const {
    return entryOf<RunSeries>(runId);
}

QLineSeries* ThroughputLatencyChart::lineSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->line : nullptr;
}

QScatterSeries* ThroughputLatencyChart::pendingSeries(int runId) const {
    const RunSeries* rs = seriesOf(runId);
    return rs ? rs->markers->pending() : nullptr;
}

QScatterSeries* ThroughputLatencyChart::pointSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->markers->settled() : nullptr;
}

QLineSeries* ThroughputLatencyChart::plateauSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->plateau : nullptr;
}

QScatterSeries* ThroughputLatencyChart::kneeSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->knee : nullptr;
}

QScatterSeries* ThroughputLatencyChart::bestSeries(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->best : nullptr;
}

QStringList ThroughputLatencyChart::pointLabels(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->labels : QStringList();
}

QList<double> ThroughputLatencyChart::pointLoads(int runId) const {
    RunSeries* rs = seriesOf(runId);
    return rs ? rs->loads : QList<double>();
}

QString ThroughputLatencyChart::noteText() const {
    return m_note->isVisible() ? m_note->text() : QString();
}

int ThroughputLatencyChart::focusRunId() const {
    const RunCollection::Run* current = runs()->current();
    if (current && current->visible)
        return current->id;
    const QList<const RunCollection::Run*> visible = runs()->visibleRuns();
    return visible.isEmpty() ? -1 : visible.constFirst()->id;
}

std::unique_ptr<RunSeriesChart::RunEntry>
ThroughputLatencyChart::createEntry(const RunCollection::Run& run) {
    auto rs = std::make_unique<RunSeries>();
    rs->line = new QLineSeries(this);
    rs->plateau = new QLineSeries(this);
    rs->best = new QScatterSeries(this);
    rs->markers = std::make_unique<LevelMarkers>(this);
    rs->knee = new QScatterSeries(this);
    rs->best->setMarkerSize(22);
    rs->knee->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    rs->knee->setMarkerSize(14);
    for (QXYSeries* s :
         {static_cast<QXYSeries*>(rs->line), static_cast<QXYSeries*>(rs->plateau),
          static_cast<QXYSeries*>(rs->best), static_cast<QXYSeries*>(rs->markers->settled()),
          static_cast<QXYSeries*>(rs->markers->pending()), static_cast<QXYSeries*>(rs->knee)})
        addRunSeries(*rs, s, m_x, m_y);
    RunSeries* raw = rs.get();
    for (QScatterSeries* markers : rs->markers->series()) {
        hideFromLegend(markers);
        connect(markers, &QXYSeries::hovered, this,
                [this, raw](const QPointF& p, bool state) { onHovered(raw, p, state); });
        connect(markers, &QXYSeries::clicked, this,
                [this, raw](const QPointF& p) { onClicked(raw, p); });
    }
    toggleRunOnLegendClick(rs->line, run.id);
    return rs;
}

void ThroughputLatencyChart::refresh() {
    if (syncRuns()) {
        // Keep the budget entry last in the legend, after the runs.
        removeSeries(m_budget);
        addSeries(m_budget);
        m_budget->attachAxis(m_x);
        m_budget->attachAxis(m_y);
    }
    const int focus = focusRunId();
    const RunCollection::Run* focusRun = runs()->run(focus);
    const Extent extent = collectPoints();

    // The budget limit drawn on this axis, if the focused run's budget has one on its metric.
    // (An embeddings run is drawn on e2e whatever the choice: its budget line is e2e's.)
    const LatencyMetric axisMetric = m_embeddings ? LatencyMetric::E2e : m_metric;
    const BudgetLine budgetLine =
        focusRun ? BudgetLine::choose(focusRun->result.profile.budget, axisMetric, m_stat)
                 : BudgetLine();
    QString note = budgetLine.noteText();
    const double limitMs = scaleAxes(extent, budgetLine, &note);

    const QColor background = backgroundBrush().color();
    m_errorBars.clear();
    for (RunSeries* rs : entries<RunSeries>()) {
        const RunCollection::Run* run = runs()->run(rs->runId);
        drawRun(rs, *run, background);
        drawPlateau(rs, *run);
        drawKneeAndBest(rs, *run, background);
        for (QXYSeries* s : rs->decorations())
            s->setVisible(run->visible && s->count() > 0);
    }
    drawBudget(budgetLine, limitMs);
    drawSelection();
    updateLegend(focus);
    showNote(note);
}

ThroughputLatencyChart::Extent ThroughputLatencyChart::collectPoints() {
    // Raw values (ms) of every run, and the extent of the visible ones.
    Extent extent{std::numeric_limits<double>::infinity(), 0.0, 0.0};
    m_embeddings = false;
    for (RunSeries* rs : entries<RunSeries>()) {
        const RunCollection::Run* run = runs()->run(rs->runId);
        for (const LevelSummary& level : run->result.summary.levels)
            m_embeddings = m_embeddings || (run->visible && level.embeddings);
    }
    for (RunSeries* rs : entries<RunSeries>()) {
        const RunCollection::Run* run = runs()->run(rs->runId);
        rs->clearPoints();
        rs->visible = run->visible;
        rs->color = run->color;
        for (const LevelSummary& level : LevelMetrics::byLoad(run->result.summary.levels)) {
            // Embeddings have no TTFT/TPOT: their one latency is e2e, whatever the axis asks.
            const LatencyMetric metric = level.embeddings ? LatencyMetric::E2e : m_metric;
            const double x = LevelMetrics::value(level, metric, m_stat);
            const double y = level.headlineThroughput();
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            rs->data.append(QPointF(x, y));
            rs->levels.append(level.index);
            rs->loads.append(LevelMetrics::loadValue(level));
            rs->labels.append(LevelMetrics::shortLabel(level));
            rs->complete.append(level.complete);
            rs->xCi.append(ErrorBars::latencyInterval(level, metric, m_stat));
            rs->yCi.append(level.embeddings ? FigureInterval() : level.outputThroughputCi);
            rs->batches.append(level.batchSize);
            if (run->visible) {
                extent.minXMs = std::min(extent.minXMs, x);
                extent.maxXMs = std::max(extent.maxXMs, x);
                extent.maxY = std::max(extent.maxY, y);
            }
        }
        const double plateau = run->result.summary.plateau.plateauTps;
        if (run->visible && std::isfinite(plateau))
            extent.maxY = std::max(extent.maxY, plateau);
    }
    return extent;
}

double ThroughputLatencyChart::scaleAxes(Extent extent, const BudgetLine& budget, QString* note) {
    const double limitMs =
        budget.drawable() ? budget.limitMs() : std::numeric_limits<double>::quiet_NaN();
    // Show the budget line unless it is so far out that the curve would be squashed.
    double extentMs = extent.maxXMs;
    double minXMs = extent.minXMs;
    if (std::isfinite(limitMs) && (extent.maxXMs <= 0.0 || limitMs <= 2.5 * extent.maxXMs)) {
        extentMs = std::max(extentMs, limitMs);
        minXMs = std::min(minXMs, limitMs);
    } else if (std::isfinite(limitMs))
        *note = tr("%1 is far beyond the measured latencies").arg(budget.legendText());
    if (extent.maxXMs <= 0.0 && note->isEmpty())
        *note = tr("No level measured yet");

    m_msPerUnit = extentMs >= 10000.0 ? 1000.0 : 1.0;
    const LatencyMetric metric = m_embeddings ? LatencyMetric::E2e : m_metric;
    m_x->setTitleText(LevelMetrics::axisTitle(metric, m_stat) %
                      (m_msPerUnit > 1.0 ? u" (s)"_s : u" (ms)"_s));
    m_y->setTitleText(m_embeddings ? tr("Throughput (inputs/s)") : tr("Output throughput (tok/s)"));
    setTitle((m_embeddings ? tr("Throughput (inputs/s) vs %1") : tr("Output throughput vs %1"))
                 .arg(LevelMetrics::axisTitle(metric, m_stat)));
    if (m_embeddings && m_metric != LatencyMetric::E2e) { // said first: it explains the axis
        const QString na = tr("%1 n/a for embeddings (no stream): e2e latency shown")
                               .arg(LevelMetrics::metricShort(m_metric));
        *note = note->isEmpty() ? na : na + u"; "_s + *note;
    }
    // Latency starts at 0 unless every point is far from it (e2e of long answers) and the
    // points spread widely: then the axis starts just below the data, or the curve would
    // be squeezed to the right. A narrow spread keeps 0, so flat latency looks flat.
    double startMs = 0.0;
    if (std::isfinite(minXMs) && minXMs > 0.4 * extentMs && extentMs - minXMs > 0.5 * minXMs)
        startMs = minXMs - 0.08 * (extentMs - minXMs);
    NiceAxis::apply(m_x, startMs / m_msPerUnit,
                    extentMs > 0.0 ? (extentMs + 0.08 * (extentMs - startMs)) / m_msPerUnit : 1.0,
                    6);
    NiceAxis::apply(m_y, 0.0, extent.maxY > 0.0 ? extent.maxY * 1.1 : 1.0, 5);
    return limitMs;
}

void ThroughputLatencyChart::drawRun(RunSeries* rs, const RunCollection::Run& run,
                                     const QColor& background) {
    for (QPointF& p : rs->data)
        p.setX(p.x() / m_msPerUnit);
    rs->line->replace(rs->data);
    rs->markers->update(rs->data, rs->complete, run.color, background, run.visible);
    const QString name = run.live ? run.name % u" "_s % tr("(running)") : run.name;
    rs->line->setName(name);
    rs->line->setPen(QPen(run.color, 2.0));
    rs->line->setVisible(run.visible);
    drawBatchCurves(rs, name);
    for (qsizetype i = 0; run.visible && i < rs->data.size(); ++i) {
        const QPointF p = rs->data.at(i);
        m_errorBars.add(p, rs->xCi.at(i), m_msPerUnit, Qt::Horizontal, run.color, rs->line);
        m_errorBars.add(p, rs->yCi.at(i), 1.0, Qt::Vertical, run.color, rs->line);
    }
}

void ThroughputLatencyChart::drawPlateau(RunSeries* rs, const RunCollection::Run& run) {
    const PlateauResult& plateau = run.result.summary.plateau;
    if (!std::isfinite(plateau.plateauTps) || rs->data.isEmpty()) {
        rs->plateau->clear();
        return;
    }
    rs->plateau->replace(
        {QPointF(m_x->min(), plateau.plateauTps), QPointF(m_x->max(), plateau.plateauTps)});
    rs->plateau->setPen(QPen(RunPalette::plateauLine(run.color, darkPalette()),
                             plateau.plateaued ? 2.0 : 1.2, Qt::DashLine));
    // "7,900 ± 60": the plateau level's interval, as plateau-cli's summary says it.
    const QString tps = UiFormat::number(plateau.plateauTps, 2) +
                        (plateau.plateauTpsCi.ok()
                             ? u" ± "_s + UiFormat::number(plateau.plateauTpsCi.halfWidth(), 2)
                             : QString());
    const int fromPos = rs->levels.indexOf(plateau.plateauFromLevel);
    const QString unit = m_embeddings ? tr("inputs/s") : tr("tok/s");
    if (!plateau.plateaued)
        rs->plateau->setName(tr("Peak %1 %2, no plateau yet").arg(tps, unit));
    else if (fromPos >= 0) // a batch-size sweep's plateau is its best curve's (issue 14)
        rs->plateau->setName(
            tr("Plateau ≈ %1 %3 from %2")
                .arg(tps,
                     plateau.batchSize > 0
                         ? tr("%1, batch %2").arg(rs->labels.at(fromPos)).arg(plateau.batchSize)
                         : rs->labels.at(fromPos),
                     unit));
    else
        rs->plateau->setName(tr("Plateau ≈ %1 %2").arg(tps, unit));
}

void ThroughputLatencyChart::drawKneeAndBest(RunSeries* rs, const RunCollection::Run& run,
                                             const QColor& background) {
    const SweepSummary& summary = run.result.summary;
    const PlateauResult& plateau = summary.plateau;
    // The knee (90% of the plateau) only means something once throughput has levelled
    // off: before that, "90% of the highest so far" would move with every new level.
    rs->knee->clear();
    if (plateau.plateaued) {
        QList<double> loads = rs->loads; // a batch-size sweep: the plateau's own curve
        QList<QPointF> points = rs->data;
        if (plateau.batchSize > 0) {
            loads.clear();
            points = BatchCurves::pointsOf(rs->data, rs->batches, plateau.batchSize);
            for (qsizetype i = 0; i < rs->loads.size(); ++i)
                if (rs->batches.value(i) == plateau.batchSize)
                    loads.append(rs->loads.at(i));
        }
        rs->knee->replace(KneeMarker::locate(loads, points, plateau.kneeConcurrency));
        const QList<LevelSummary>& levels = summary.levels;
        const bool rate = !levels.isEmpty() && levels.constFirst().isRate;
        rs->knee->setName(
            rate ? tr("Knee ≈ %1 rps").arg(UiFormat::number(plateau.kneeConcurrency, 2))
                 : tr("Knee ≈ c=%1").arg(std::lround(plateau.kneeConcurrency)));
    }
    rs->knee->setColor(RunPalette::knee(run.color, darkPalette()));
    rs->knee->setBorderColor(background);

    rs->best->clear();
    const int bestPos = rs->levels.indexOf(summary.budget.bestLevel);
    if (bestPos >= 0) {
        rs->best->replace({rs->data.at(bestPos)});
        rs->best->setName(tr("Best within budget: %1").arg(rs->labels.at(bestPos)));
    }
    rs->best->setBrush(Qt::NoBrush);
    rs->best->setPen(QPen(RunPalette::color(RunPalette::Role::Best), 3.0));
}

void ThroughputLatencyChart::drawBudget(const BudgetLine& budget, double limitMs) {
    // Budget line (vertical, at the limit) for the focused run; a limit on another
    // statistic of the same metric is drawn lighter and dotted, as a reference.
    if (std::isfinite(limitMs) && limitMs / m_msPerUnit <= m_x->max()) {
        const double x = limitMs / m_msPerUnit;
        m_budget->replace({QPointF(x, m_y->min()), QPointF(x, m_y->max())});
        m_budget->setName(budget.legendText());
    } else {
        m_budget->clear();
    }
    const bool exact = budget.kind() == BudgetLine::Kind::Exact;
    QColor budgetColor = RunPalette::color(RunPalette::Role::Budget, darkPalette());
    if (!exact)
        budgetColor.setAlpha(190);
    m_budget->setPen(QPen(budgetColor, exact ? 2.0 : 1.6, exact ? Qt::DashLine : Qt::DotLine));
    m_budget->setVisible(m_budget->count() > 0);
}

void ThroughputLatencyChart::drawSelection() {
    // Selection halo behind the selected level's marker.
    m_selection->clear();
    if (RunSeries* rs = seriesOf(m_selectedRun); rs && rs->visible) {
        const int pos = rs->levels.indexOf(m_selectedLevel);
        if (pos >= 0) {
            m_selection->setColor(RunPalette::selectionHalo(rs->color));
            m_selection->setBorderColor(Qt::transparent);
            m_selection->replace({rs->data.at(pos)});
        }
    }
    m_selection->setVisible(m_selection->count() > 0);
}

void ThroughputLatencyChart::updateLegend(int focus) {
    // Every run (dimmed when hidden, so it can be clicked back on); decorations only for
    // the focused run, else two runs would list two of everything.
    for (RunSeries* rs : entries<RunSeries>()) {
        const QColor color = rs->visible ? rs->color : RunPalette::hiddenRun(rs->color);
        for (QLegendMarker* marker : listRunInLegend(rs->line, rs->visible)) {
            marker->setPen(QPen(color, 2.0));
            marker->setBrush(color);
        }
        for (QLineSeries* line : std::as_const(rs->batchLines)) { // "batch 8" (issue 14)
            QPen pen = line->pen();
            pen.setColor(color);
            for (QLegendMarker* marker : listRunInLegend(line, rs->visible))
                marker->setPen(pen);
            showInLegend(line, line->count() > 0);
        }
        const bool focused = rs->runId == focus;
        for (QScatterSeries* markers : rs->markers->series())
            showInLegend(markers, false);
        for (QXYSeries* s : rs->decorations())
            showInLegend(s, focused && s->isVisible());
    }
    showInLegend(m_budget, m_budget->isVisible());
    showInLegend(m_selection, false);
}

int ThroughputLatencyChart::nearestPoint(const RunSeries* rs, const QPointF& point) const {
    int best = -1;
    double bestDistance = 0.0;
    for (qsizetype i = 0; i < rs->data.size(); ++i) {
        const QPointF d = rs->data.at(i) - point;
        // Compare in axis-relative units so ms and tok/s weigh alike.
        const double dx = d.x() / std::max(1e-9, m_x->max() - m_x->min());
        const double dy = d.y() / std::max(1e-9, m_y->max() - m_y->min());
        const double distance = dx * dx + dy * dy;
        if (best < 0 || distance < bestDistance) {
            best = int(i);
            bestDistance = distance;
        }
    }
    return best;
}

void ThroughputLatencyChart::onHovered(RunSeries* rs, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const int i = nearestPoint(rs, point);
    if (i >= 0)
        QToolTip::showText(QCursor::pos(), pointToolTip(rs->runId, rs->levels.at(i)));
}

void ThroughputLatencyChart::onClicked(RunSeries* rs, const QPointF& point) {
    const int i = nearestPoint(rs, point);
    if (i < 0)
        return;
    const int runId = rs->runId;
    const int level = rs->levels.at(i);
    selectLevel(runId, level);
    Q_EMIT levelClicked(runId, level);
}

QString ThroughputLatencyChart::pointToolTip(int runId, int levelIndex) const {
    const RunCollection::Run* run = runs()->run(runId);
    if (!run)
        return {};
    for (const LevelSummary& level : run->result.summary.levels) {
        if (level.index == levelIndex)
            return LevelToolTip::html(level, runs()->runs().size() > 1 ? run->name : QString(),
                                      run->result.profile.endpoint().price);
    }
    return {};
}
