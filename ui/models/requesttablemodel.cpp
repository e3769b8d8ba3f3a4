#include "models/requesttablemodel.h"

#include "models/runcollection.h"
#include "models/runpalette.h"
#include "models/uiformat.h"

#include <QColor>
#include <QLocale>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
const char* const kTitles[RequestTableModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("RequestTableModel", "#"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Sent s"),
    QT_TRANSLATE_NOOP("RequestTableModel", "TTFT ms"),
    QT_TRANSLATE_NOOP("RequestTableModel", "TPOT ms"),
    QT_TRANSLATE_NOOP("RequestTableModel", "E2E ms"),
    QT_TRANSLATE_NOOP("RequestTableModel", "In tokens"),
    QT_TRANSLATE_NOOP("RequestTableModel", "In source"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Out tokens"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Out source"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Status"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Error"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Message"),
};

const char* const kHelp[RequestTableModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("RequestTableModel", "Request id"),
    QT_TRANSLATE_NOOP("RequestTableModel", "When the request was sent, seconds from run start"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Time to the first content token"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Time per output token after the first"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Send to last content token"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Prompt tokens"),
    QT_TRANSLATE_NOOP("RequestTableModel",
                      "usage: reported by the server; estimate: Plateau's own count"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Completion tokens"),
    QT_TRANSLATE_NOOP("RequestTableModel",
                      "usage: reported by the server; events: number of content events"),
    QT_TRANSLATE_NOOP("RequestTableModel", "HTTP status; warm-up requests are marked"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Error class (empty on success)"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Error detail"),
};

double orNegInf(double value) {
    return std::isnan(value) ? -std::numeric_limits<double>::infinity() : value;
}
} // namespace

RequestTableModel::RequestTableModel(RunCollection* runs, QObject* parent)
    : QAbstractTableModel(parent)
    , m_runs(runs) {
    connect(m_runs, &RunCollection::runsChanged, this, &RequestTableModel::reload);
    connect(m_runs, &RunCollection::currentChanged, this, &RequestTableModel::reload);
    connect(m_runs, &RunCollection::runUpdated, this, [this](int id) {
        if (id == m_runs->currentId())
            reload();
    });
}

void RequestTableModel::setLevel(int levelIndex) {
    if (levelIndex == m_level)
        return;
    m_level = levelIndex;
    rebuild();
}

void RequestTableModel::setShowWarmup(bool show) {
    if (show == m_showWarmup)
        return;
    m_showWarmup = show;
    rebuild();
}

int RequestTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

RequestRecord RequestTableModel::record(int row) const {
    return m_records.at(m_rows.at(row));
}

QVariant RequestTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestRecord& rec = record(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(rec, index.column(), m_runStartNs);
    case SortRole:
        return sortValue(rec, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Message && !rec.errorMessage.isEmpty())
            return rec.errorMessage;
        return tr(kHelp[index.column()]);
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case InputSource:
        case OutputSource:
        case Error:
        case Message:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        if (!rec.ok())
            return RunPalette::color(RunPalette::Role::Attention);
        if (rec.warmup)
            return RunPalette::color(RunPalette::Role::MutedText);
        return {};
    default:
        return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return tr(kTitles[section]);
    if (role == Qt::ToolTipRole)
        return tr(kHelp[section]);
    return {};
}

void RequestTableModel::reload() {
    const RunCollection::Run* run = m_runs->current();
    const int runId = run ? run->id : -1;
    if (runId != m_runId) {
        m_runId = runId;
        rebuild();
        return;
    }
    if (!run)
        return;
    const RecordStore& records = run->result.records;
    // Records are only appended while a run goes on; anything else means a new list.
    const bool appended = records.size() >= m_scanned &&
                          (m_scanned == 0 || records.brief(m_scanned - 1).id == m_lastScannedId);
    if (!appended) {
        rebuild();
        return;
    }
    QList<int> added;
    for (qsizetype i = m_scanned; m_level >= 0 && i < records.size(); ++i) {
        if (accepts(records.brief(i)))
            added.append(int(i));
    }
    m_records = records; // implicitly shared: O(1), and keeps rows valid if the run goes
    m_runStartNs = run->result.runStartNs;
    m_scanned = records.size();
    if (m_scanned > 0)
        m_lastScannedId = records.constLast().id;
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
    m_rows.append(added);
    endInsertRows();
}

bool RequestTableModel::accepts(const RecordStore::Brief& record) const {
    return m_level >= 0 && record.level == m_level && (m_showWarmup || !record.warmup);
}

void RequestTableModel::rebuild() {
    beginResetModel();
    const RunCollection::Run* run = m_runs->current();
    m_runId = run ? run->id : -1;
    m_records = run ? run->result.records : RecordStore();
    m_runStartNs = run ? run->result.runStartNs : -1;
    m_rows.clear();
    ++m_generation; // other rows: sort keys made anew
    m_sortKeys = {};
    // Chosen from the records' index, none decoded: a million in milliseconds (decoding
    // their fronts took 0.16 s of the GUI thread when a run was opened; issue 17).
    if (m_level >= 0)
        m_rows = m_records.levelIndices(m_level, m_showWarmup);
    m_scanned = m_records.size();
    m_lastScannedId = m_records.isEmpty() ? 0 : m_records.constLast().id;
    endResetModel();
}

QVariant RequestTableModel::display(const RequestRecord& rec, int column, qint64 runStartNs) {
    switch (column) {
    case Id:
        return QString::number(rec.id);
    case TSend:
        if (rec.tSendNs < 0 || runStartNs < 0)
            return UiFormat::dash();
        return QLocale().toString(double(rec.tSendNs - runStartNs) / 1e9, 'f', 3);
    case Ttft:
        return UiFormat::msValue(rec.ttftMs());
    case Tpot:
        return UiFormat::msValue(rec.tpotMs());
    case E2e:
        return UiFormat::msValue(rec.e2eMs());
    case InputTokens:
        return UiFormat::integer(rec.inputTokens);
    case InputSource:
        return tokenSourceName(rec.inputTokensSource);
    case OutputTokens:
        return UiFormat::integer(rec.outputTokens);
    case OutputSource:
        return tokenSourceName(rec.outputTokensSource);
    case Status: {
        const QString status =
            rec.httpStatus > 0 ? QString::number(rec.httpStatus) : UiFormat::dash();
        return rec.warmup ? status % u' ' % tr("(warm-up)") : status;
    }
    case Error:
        return rec.error;
    case Message:
        // Keep cells one line; the full text is in the tooltip.
        return rec.errorMessage.left(200).replace(u'\n', u' ');
    default:
        return {};
    }
}

const RequestSortKeys& RequestTableModel::sortKeys(int column) const {
    const bool same = m_sortKeys.column == column && m_sortKeys.generation == m_generation;
    if (same && qsizetype(m_sortKeys.values.size()) == m_rows.size())
        return m_sortKeys;
    // Rows appended live to a number column: only theirs. Texts are ranked anew.
    if (same && !m_sortKeys.ranks && qsizetype(m_sortKeys.values.size()) < m_rows.size()) {
        m_sortKeys.extend(m_records, m_rows);
        return m_sortKeys;
    }
    m_sortKeys = RequestSortKeys::make(m_records, m_rows, column);
    m_sortKeys.generation = m_generation;
    return m_sortKeys;
}

std::function<RequestSortKeys()> RequestTableModel::sortKeysJob(int column) const {
    return [records = m_records, rows = m_rows, column, generation = m_generation] {
        RequestSortKeys keys = RequestSortKeys::make(records, rows, column);
        keys.generation = generation;
        return keys;
    };
}

void RequestTableModel::adoptSortKeys(RequestSortKeys keys) {
    // Rows are only appended between two rebuilds: keys of the first rows stay right.
    if (keys.generation == m_generation && qsizetype(keys.values.size()) <= m_rows.size())
        m_sortKeys = std::move(keys);
}

bool RequestTableModel::extendsSortKeys(int column) const {
    return m_sortKeys.column == column && m_sortKeys.generation == m_generation &&
           !m_sortKeys.ranks;
}

QVariant RequestTableModel::sortValue(const RequestRecord& rec, int column) {
    switch (column) {
    case Id:
        return double(rec.id);
    case TSend:
        return rec.tSendNs < 0 ? -std::numeric_limits<double>::infinity() : double(rec.tSendNs);
    case Ttft:
        return orNegInf(rec.ttftMs());
    case Tpot:
        return orNegInf(rec.tpotMs());
    case E2e:
        return orNegInf(rec.e2eMs());
    case InputTokens:
        return double(rec.inputTokens);
    case OutputTokens:
        return double(rec.outputTokens);
    case Status:
        return double(rec.httpStatus);
    default:
        return display(rec, column, -1); // a text column: no time in it
    }
}
