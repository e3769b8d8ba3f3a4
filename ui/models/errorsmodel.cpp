#include "models/errorsmodel.h"

#include "common/terminalsafe.h"
#include "models/levelmetrics.h"
#include "models/runcollection.h"
#include "models/uiformat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

ErrorsModel::ErrorsModel(RunCollection* runs, QObject* parent)
    : QAbstractItemModel(parent)
    , m_runs(runs) {
    connect(m_runs, &RunCollection::runsChanged, this, &ErrorsModel::reload);
    connect(m_runs, &RunCollection::currentChanged, this, &ErrorsModel::reload);
    connect(m_runs, &RunCollection::runUpdated, this, [this](int id) {
        if (id == m_runs->currentId())
            reload();
    });
    rebuild();
}

QModelIndex ErrorsModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    // Top rows carry id 0; a message row carries its class row + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex ErrorsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ErrorsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_classes.size());
    if (parent.internalId() == 0 && parent.column() == 0)
        return int(m_classes.at(parent.row()).messages.size());
    return 0;
}

int ErrorsModel::columnCount(const QModelIndex&) const {
    return int(m_levelIndices.size()) + 2;
}

const ErrorsModel::Counts* ErrorsModel::countsOf(const QModelIndex& index) const {
    if (index.internalId() == 0)
        return &m_classes.at(index.row()).counts;
    return &m_classes.at(int(index.internalId() - 1)).messages.at(index.row());
}

QVariant ErrorsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Counts& counts = *countsOf(index);
    const int column = index.column();
    const int last = columnCount() - 1;
    const int count = column == last ? counts.total
                      : column > 0   ? counts.perLevel.at(column - 1)
                                     : 0;
    switch (role) {
    case Qt::DisplayRole:
        if (column == 0)
            return index.internalId() == 0 ? counts.text
                                           : counts.text.left(160).replace(u'\n', u' ');
        return count > 0 ? UiFormat::integer(count) : QString();
    case SortRole:
        return column == 0 ? QVariant(counts.text) : QVariant(count);
    case ErrorClassRole:
        return index.internalId() == 0 ? counts.text
                                       : m_classes.at(int(index.internalId() - 1)).counts.text;
    case LevelIndexRole:
        return column > 0 && column < last ? m_levelIndices.at(column - 1) : -1;
    case Qt::ToolTipRole:
        return column == 0 ? counts.text : QVariant();
    case Qt::TextAlignmentRole:
        return column == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                           : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ErrorsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractItemModel::headerData(section, orientation, role);
    const int last = columnCount() - 1;
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Error / message");
        return section == last ? tr("Total") : m_levelLabels.at(section - 1);
    }
    if (role == Qt::ToolTipRole && section == 0)
        return tr("Failed requests by error class; expand a class for its messages. "
                  "Warm-up requests are not counted.");
    return {};
}

QList<int> ErrorsModel::currentLevels(QStringList* labels) const {
    QList<int> indices;
    const RunCollection::Run* run = m_runs->current();
    if (!run)
        return indices;
    for (const LevelSummary& level : run->result.summary.levels) {
        indices.append(level.index);
        labels->append(LevelMetrics::shortLabel(level));
    }
    return indices;
}

void ErrorsModel::reload() {
    const RunCollection::Run* run = m_runs->current();
    const int runId = run ? run->id : -1;
    QStringList labels;
    const QList<int> levels = currentLevels(&labels);
    if (!run || runId != m_runId || levels != m_levelIndices || labels != m_levelLabels) {
        rebuild();
        return;
    }
    const RecordStore& records = run->result.records;
    const bool appended = records.size() >= m_scanned &&
                          (m_scanned == 0 || records.brief(m_scanned - 1).id == m_lastScannedId);
    if (!appended) {
        rebuild();
        return;
    }
    m_changed.clear();
    for (qsizetype i = m_scanned; i < records.size(); ++i)
        addFailureAt(records, i, true);
    m_scanned = records.size();
    if (m_scanned > 0)
        m_lastScannedId = records.constLast().id;
    std::sort(m_changed.begin(), m_changed.end());
    m_changed.erase(std::unique(m_changed.begin(), m_changed.end()), m_changed.end());
    const int last = columnCount() - 1;
    for (const auto& [classRow, messageRow] : std::as_const(m_changed)) {
        const QModelIndex parentIndex = messageRow < 0 ? QModelIndex() : index(classRow, 0);
        const int row = messageRow < 0 ? classRow : messageRow;
        Q_EMIT dataChanged(index(row, 1, parentIndex), index(row, last, parentIndex));
    }
    m_changed.clear();
}

void ErrorsModel::rebuild() {
    beginResetModel();
    const RunCollection::Run* run = m_runs->current();
    m_runId = run ? run->id : -1;
    m_levelLabels.clear();
    m_levelIndices = currentLevels(&m_levelLabels);
    m_levelColumn.clear();
    for (qsizetype i = 0; i < m_levelIndices.size(); ++i)
        m_levelColumn.insert(m_levelIndices.at(i), int(i));
    m_classes.clear();
    m_classRow.clear();
    m_total = 0;
    m_scanned = 0;
    m_lastScannedId = 0;
    if (run) {
        // The failed records, from the records' index: only they are decoded (reading a
        // million fronts took 0.08 s of the GUI thread when a run was opened; issue 17).
        const RecordStore& records = run->result.records;
        for (const int i : records.failedIndices())
            addFailure(records.at(i), false);
        m_scanned = run->result.records.size();
        if (m_scanned > 0)
            m_lastScannedId = run->result.records.constLast().id;
    }
    endResetModel();
}

// Only a measured failure is decoded whole: the rest are told from the packed record's front.
void ErrorsModel::addFailureAt(const RecordStore& records, qsizetype i, bool notify) {
    const RecordStore::Brief brief = records.brief(i);
    if (brief.failed && !brief.warmup)
        addFailure(records.at(i), notify);
}

void ErrorsModel::addFailure(const RequestRecord& record, bool notify) {
    if (record.ok() || record.warmup)
        return;
    const auto column = m_levelColumn.constFind(record.level);
    if (column == m_levelColumn.cend())
        return; // a level the summary does not list yet: counted once it appears (reset)

    auto classIt = m_classRow.constFind(record.error);
    if (classIt == m_classRow.cend()) {
        const int row = int(m_classes.size());
        if (notify)
            beginInsertRows({}, row, row);
        ClassRow added;
        added.counts.text = record.error;
        added.counts.perLevel.fill(0, m_levelIndices.size());
        m_classes.append(added);
        classIt = m_classRow.insert(record.error, row);
        if (notify)
            endInsertRows();
    }
    const int classRow = classIt.value();
    ClassRow& cls = m_classes[classRow];

    // Results files come from anywhere: what a server wrote is shown, never interpreted
    // (a run's own records are escaped already; escaping twice changes nothing).
    QString message = TerminalSafe::escape(record.errorMessage.trimmed());
    if (message.isEmpty())
        message = tr("(no message)");
    auto messageIt = cls.messageRow.constFind(message);
    if (messageIt == cls.messageRow.cend() && cls.messages.size() >= MaxMessagesPerClass) {
        message = tr("(other messages)");
        messageIt = cls.messageRow.constFind(message);
    }
    if (messageIt == cls.messageRow.cend()) {
        const int row = int(cls.messages.size());
        if (notify)
            beginInsertRows(index(classRow, 0), row, row);
        Counts added;
        added.text = message;
        added.perLevel.fill(0, m_levelIndices.size());
        cls.messages.append(added);
        messageIt = cls.messageRow.insert(message, row);
        if (notify)
            endInsertRows();
    }
    const int messageRow = messageIt.value();
    Counts& msg = cls.messages[messageRow];
    ++cls.counts.perLevel[column.value()];
    ++cls.counts.total;
    ++msg.perLevel[column.value()];
    ++msg.total;
    ++m_total;
    if (notify) {
        m_changed.append({classRow, -1});
        m_changed.append({classRow, messageRow});
    }
}
