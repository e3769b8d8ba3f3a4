#include "models/leveltablemodel.h"

#include "metrics/levelcost.h"
#include "models/levelcolumns.h"
#include "models/levelmetrics.h"
#include "models/runcollection.h"
#include "models/runpalette.h"
#include "models/serverlevelcolumns.h"
#include "models/uiformat.h"

#include <QColor>
#include <QFont>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString yesNo(bool value) {
    return value ? LevelTableModel::tr("yes") : LevelTableModel::tr("no");
}

// The 95% interval behind a cell (docs/METRICS.md "How sure a figure is"); none for the
// columns without one.
FigureInterval intervalOf(const LevelSummary& level, int column) {
    switch (column) {
    case LevelTableModel::OutputTps:
        return level.outputThroughputCi;
    case LevelTableModel::TtftP50:
        return level.ttftMs.p50Ci;
    case LevelTableModel::TtftP95:
        return level.ttftMs.p95Ci;
    case LevelTableModel::TtftP99:
        return level.ttftMs.p99Ci;
    case LevelTableModel::TpotP50:
        return level.tpotMs.p50Ci;
    case LevelTableModel::TpotP95:
        return level.tpotMs.p95Ci;
    case LevelTableModel::E2eP50:
        return level.e2eMs.p50Ci;
    case LevelTableModel::E2eP95:
        return level.e2eMs.p95Ci;
    case LevelTableModel::E2eP99:
        return level.e2eMs.p99Ci;
    case LevelTableModel::ItlP50:
        return level.itlMs.p50Ci;
    case LevelTableModel::ItlP99:
        return level.itlMs.p99Ci;
    default:
        return {};
    }
}

// "7,912 ±60": half the interval's width after the figure, when there is an interval.
QString withHalfWidth(const QString& figure, const FigureInterval& ci, bool ms) {
    if (!ci.ok())
        return figure;
    return QString(figure % u" ±"_s %
                   (ms ? UiFormat::msValue(ci.halfWidth()) : UiFormat::number(ci.halfWidth(), 2)));
}
} // namespace

LevelTableModel::LevelTableModel(RunCollection* runs, QObject* parent)
    : QAbstractTableModel(parent)
    , m_runs(runs) {
    connect(m_runs, &RunCollection::runsChanged, this, &LevelTableModel::reload);
    connect(m_runs, &RunCollection::currentChanged, this, &LevelTableModel::reload);
    connect(m_runs, &RunCollection::runUpdated, this, [this](int id) {
        if (id == m_runs->currentId())
            reload();
    });
    reload();
}

int LevelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_levels.size());
}

int LevelTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LevelTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LevelSummary& level = m_levels.at(index.row());
    const bool best = level.index == m_bestLevel;
    switch (role) {
    case Qt::DisplayRole:
        return display(level, index.column());
    case SortRole: {
        // NaN compares unordered and would scramble a sort; put missing values first.
        const double value = numeric(level, index.column());
        return std::isnan(value) ? -std::numeric_limits<double>::infinity() : value;
    }
    case LevelIndexRole:
        return level.index;
    case BestRole:
        return best;
    case Qt::ToolTipRole:
        return toolTip(level, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Label ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole: {
        // A flagged cross-check is bold as well as coloured: it must not rest on colour alone.
        const bool flagged =
            ServerLevelColumns::flagged(serverFigures(level), index.column() - FirstServerColumn);
        if (best || !level.complete || flagged) {
            QFont font;
            font.setBold(best || flagged);
            font.setItalic(!level.complete); // still running, or stopped inside it
            return font;
        }
        return {};
    }
    case Qt::BackgroundRole:
        // Translucent so it reads on light and dark palettes alike.
        return best ? QVariant(RunPalette::color(RunPalette::Role::BestRowTint)) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == Errors && level.requests > level.successes)
            return RunPalette::color(RunPalette::Role::Attention);
        if (index.column() == ClientBound && level.clientBound)
            return RunPalette::color(RunPalette::Role::Attention);
        if (index.column() == OutputTps && level.throughputSource == QLatin1String("wall_time"))
            return RunPalette::color(RunPalette::Role::Attention);
        if (index.column() == Label && level.complete && !level.conclusive())
            return RunPalette::color(RunPalette::Role::Attention);
        if (ServerLevelColumns::flagged(serverFigures(level), index.column() - FirstServerColumn))
            return RunPalette::color(RunPalette::Role::Attention);
        return {};
    default:
        return {};
    }
}

QVariant LevelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool server = section >= FirstServerColumn;
    if (role == Qt::DisplayRole)
        return server ? ServerLevelColumns::title(section - FirstServerColumn)
                      : LevelColumns::title(section);
    if (role == Qt::ToolTipRole)
        return server ? ServerLevelColumns::help(section - FirstServerColumn)
                      : LevelColumns::help(section);
    return {};
}

bool LevelTableModel::isColumnShown(int column) const {
    if (column >= FirstServerColumn)
        return m_hasServer;
    switch (column) {
    case ReportedPromptEval:
    case ReportedTpot:
    case ReportedTotal:
        return !m_timings.isEmpty();
    case CostPerMtok: // an embeddings request has no output tokens to price
        return hasPrice() && !m_embeddings;
    case CostPerKRequests:
        return hasPrice();
    case Batch:
    case InputsPerS:
    case InputTps:
        return m_embeddings;
    case OutputTps:
    case TotalTps:
    case TtftP50:
    case TtftP95:
    case TtftP99:
    case TpotP50:
    case TpotP95:
    case ItlP50:
    case ItlP99:
        return !m_embeddings; // nothing streams out of an embeddings request
    default:
        return true;
    }
}

int LevelTableModel::rowOfLevel(int levelIndex) const {
    for (qsizetype row = 0; row < m_levels.size(); ++row) {
        if (m_levels.at(row).index == levelIndex)
            return int(row);
    }
    return -1;
}

void LevelTableModel::reload() {
    const RunCollection::Run* run = m_runs->current();
    const QList<LevelSummary> levels = run ? run->result.summary.levels : QList<LevelSummary>();
    const int best = run ? run->result.summary.budget.bestLevel : -1;
    const int runId = run ? run->id : -1;
    m_server = run ? run->result.serverMetrics : ServerRunMetrics();
    const EndpointPrice price = run ? run->result.profile.endpoint().price : EndpointPrice();
    const bool priceFlipped = price.isSet() != m_price.isSet();
    m_price = price;
    if (priceFlipped)
        Q_EMIT costColumnsChanged(m_price.isSet());
    bool embeddings = false;
    for (const LevelSummary& level : levels)
        embeddings = embeddings || level.embeddings;
    if (embeddings != m_embeddings) {
        m_embeddings = embeddings;
        Q_EMIT kindColumnsChanged(embeddings);
    }
    reloadServerTimings(runId, run ? &run->result : nullptr);
    if (const bool hasServer = m_server.enabled; hasServer != m_hasServer) {
        m_hasServer = hasServer;
        Q_EMIT serverColumnsChanged(hasServer);
    }

    // A live refresh keeps the first rows' levels and may add more: no reset then.
    bool samePrefix = runId == m_runId && levels.size() >= m_levels.size();
    for (qsizetype i = 0; samePrefix && i < m_levels.size(); ++i)
        samePrefix = levels.at(i).index == m_levels.at(i).index;

    if (!samePrefix) {
        beginResetModel();
        m_runId = runId;
        m_levels = levels;
        m_bestLevel = best;
        endResetModel();
        return;
    }
    const qsizetype oldCount = m_levels.size();
    if (levels.size() > oldCount) {
        beginInsertRows({}, int(oldCount), int(levels.size() - 1));
        m_levels.append(levels.mid(oldCount));
        endInsertRows();
    }
    for (qsizetype i = 0; i < oldCount; ++i)
        m_levels[i] = levels.at(i);
    m_bestLevel = best;
    if (oldCount > 0)
        Q_EMIT dataChanged(index(0, 0), index(int(oldCount - 1), ColumnCount - 1));
}

double LevelTableModel::numeric(const LevelSummary& level, int column) const {
    switch (column) {
    case Label:
        return LevelMetrics::loadValue(level);
    case Batch:
        return level.batchSize > 0 ? double(level.batchSize) : kNaN;
    case Requests:
        return level.requests;
    case Successes:
        return level.successes;
    case Errors:
        return level.requests - level.successes;
    case OutputTps:
        return level.outputThroughputTps;
    case TotalTps:
        return level.outputThroughputTotalTps;
    case InputsPerS:
        return level.inputsPerSecond;
    case InputTps:
        return level.inputThroughputTps;
    case RequestRps:
        return level.requestThroughputRps;
    case AchievedConcurrency:
        return level.achievedConcurrency;
    case Goodput:
        return level.goodputRps;
    case TtftP50:
        return level.ttftMs.p50;
    case TtftP95:
        return level.ttftMs.p95;
    case TtftP99:
        return level.ttftMs.p99;
    case TpotP50:
        return level.tpotMs.p50;
    case TpotP95:
        return level.tpotMs.p95;
    case E2eP50:
        return level.e2eMs.p50;
    case E2eP95:
        return level.e2eMs.p95;
    case E2eP99:
        return level.e2eMs.p99;
    case ItlP50:
        return level.itlMs.p50;
    case ItlP99:
        return level.itlMs.p99;
    case QueueMax:
        return level.maxQueueMs;
    case ClientBound:
        return level.clientBound ? 1.0 : 0.0;
    case WithinBudget:
        return level.withinBudget ? 1.0 : 0.0;
    case CostPerMtok:
        return LevelCost::of(m_price, level).perMillionOutputTokens;
    case CostPerKRequests:
        return LevelCost::of(m_price, level).perThousandRequests;
    case ReportedPromptEval:
    case ReportedTpot:
    case ReportedTotal:
        return reportedTiming(level, column);
    default:
        if (column >= FirstServerColumn)
            return ServerLevelColumns::numeric(serverFigures(level), column - FirstServerColumn);
        return kNaN;
    }
}

QVariant LevelTableModel::display(const LevelSummary& level, int column) const {
    switch (column) {
    case Label:
        return level.index == m_bestLevel ? LevelMetrics::shortLabel(level) % u" ★"_s
                                          : LevelMetrics::shortLabel(level);
    case Batch:
        return level.batchSize > 0 ? UiFormat::integer(level.batchSize) : u"—"_s;
    case Requests:
    case Successes:
    case Errors:
        return UiFormat::integer(qint64(numeric(level, column)));
    case OutputTps:
        // A steady window too short to carry a rate: the figure is the wall-time one.
        if (level.throughputSource == QLatin1String("wall_time"))
            return QString(UiFormat::number(numeric(level, column), 4) % u" *"_s);
        return withHalfWidth(UiFormat::number(numeric(level, column), 4), level.outputThroughputCi,
                             false);
    case TotalTps:
    case InputsPerS:
    case InputTps:
        return UiFormat::number(numeric(level, column), 4);
    case RequestRps:
    case AchievedConcurrency:
    case Goodput:
        return UiFormat::number(numeric(level, column), 3);
    case ClientBound:
        return yesNo(level.clientBound);
    case WithinBudget:
        return yesNo(level.withinBudget);
    case CostPerMtok:
    case CostPerKRequests: {
        const double cost = numeric(level, column);
        return std::isfinite(cost) ? LevelCost::money(cost, m_price.currency) : u"—"_s;
    }
    default:
        if (column >= FirstServerColumn)
            return ServerLevelColumns::display(serverFigures(level), column - FirstServerColumn);
        return withHalfWidth(UiFormat::msValue(numeric(level, column)), intervalOf(level, column),
                             true);
    }
}

const ServerLevelFigures* LevelTableModel::serverFigures(const LevelSummary& level) const {
    return m_server.level(level.index);
}

QVariant LevelTableModel::toolTip(const LevelSummary& level, int column) const {
    if (column >= FirstServerColumn)
        return ServerLevelColumns::toolTip(serverFigures(level), column - FirstServerColumn);
    if (column >= ReportedPromptEval && column <= ReportedTotal)
        return reportedTimingToolTip(level, column);
    if (column == Errors && !level.errors.isEmpty()) {
        QStringList lines;
        for (auto it = level.errors.cbegin(); it != level.errors.cend(); ++it)
            lines.append(it.key() % u": "_s % UiFormat::integer(it.value()));
        return lines.join(u'\n');
    }
    if (column == ClientBound && level.clientBound)
        return level.clientBoundReason;
    if (column == ClientBound && level.targetUnreachable == QLatin1String("plan"))
        return tr("Not the client: %1").arg(level.inconclusiveReason());
    if (column == OutputTps && level.throughputSource == QLatin1String("wall_time"))
        return tr("Over the level's wall time, not its steady window: %1")
            .arg(level.throughputNote);
    if (const FigureInterval ci = intervalOf(level, column); ci.ok()) {
        const bool ms = column != OutputTps;
        return QString(LevelColumns::help(column) % u"\n"_s %
                       tr("95% confidence interval: %1 to %2")
                           .arg(ms ? UiFormat::msValue(ci.lo) : UiFormat::number(ci.lo, 4),
                                ms ? UiFormat::msValue(ci.hi) : UiFormat::number(ci.hi, 4)));
    }
    if (column == Label) {
        QString text = LevelMetrics::longLabel(level);
        if (level.index == m_bestLevel)
            text += u"\n"_s % tr("Best level within the latency budget");
        if (level.complete && !level.conclusive())
            text += u"\n"_s % tr("Left out of the conclusions: %1").arg(level.inconclusiveReason());
        if (!level.complete)
            text += u"\n"_s % tr("Incomplete: still running, or the run was stopped here");
        return text;
    }
    return LevelColumns::help(column);
}

// Only the flavors whose server reports its own timings per request (Ollama's durations)
// are decoded: for any other run the records have none, and a 1 M-request run would be
// decoded in vain on the GUI thread.
void LevelTableModel::reloadServerTimings(int runId, const RunResult* result) {
    const bool reports = result && result->profile.endpoint().flavor == QLatin1String("ollama");
    int finished = 0;
    for (const LevelSummary& level : result ? result->summary.levels : QList<LevelSummary>())
        finished += level.complete ? 1 : 0;
    const QString key = reports ? QString::number(runId) % u'/' % QString::number(finished) % u'/' %
                                      QString::number(result->records.size())
                                : QString();
    if (key == m_timingsKey)
        return;
    m_timingsKey = key;
    const bool wasShown = !m_timings.isEmpty();
    m_timings = reports ? ServerTimingMedians::perLevel(*result) : QHash<int, LevelServerTimings>();
    if (wasShown != !m_timings.isEmpty())
        Q_EMIT timingColumnsChanged(!m_timings.isEmpty());
}

double LevelTableModel::reportedTiming(const LevelSummary& level, int column) const {
    const auto it = m_timings.constFind(level.index);
    if (it == m_timings.cend())
        return kNaN;
    switch (column) {
    case ReportedPromptEval:
        return it->promptEvalMs;
    case ReportedTpot:
        return it->serverTpotMs;
    default:
        return it->serverTotalMs;
    }
}

// The client's figure over the same requests beside the server's: the gap is the network,
// the queue and the client.
QString LevelTableModel::reportedTimingToolTip(const LevelSummary& level, int column) const {
    const auto it = m_timings.constFind(level.index);
    if (it == m_timings.cend())
        return LevelColumns::help(column);
    const LevelServerTimings& t = *it;
    const QString requests = UiFormat::integer(t.requests);
    switch (column) {
    case ReportedPromptEval:
        return tr("Server prompt eval %1 ms (model load %2 ms); client TTFT %3 ms; medians of "
                  "the same %4 requests")
            .arg(UiFormat::msValue(t.promptEvalMs), UiFormat::msValue(t.loadMs),
                 UiFormat::msValue(t.ttftMs), requests);
    case ReportedTpot:
        return tr("Server TPOT %1 ms (eval_duration / (eval_count - 1)); client TPOT %2 ms; "
                  "medians of the same %3 requests")
            .arg(UiFormat::msValue(t.serverTpotMs), UiFormat::msValue(t.tpotMs), requests);
    default:
        return tr("Server total %1 ms; client end-to-end %2 ms; medians of the same %3 requests")
            .arg(UiFormat::msValue(t.serverTotalMs), UiFormat::msValue(t.e2eMs), requests);
    }
}
