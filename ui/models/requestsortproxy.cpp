#include "models/requestsortproxy.h"

#include "models/requesttablemodel.h"
#include "models/workerfuture.h"

#include <QFutureWatcher>

#include <algorithm>
#include <iterator>
#include <numeric>

namespace {
std::vector<int> identity(int rows) {
    std::vector<int> order(size_t(std::max(rows, 0)));
    int* row = order.data(); // a plain loop: std::iota's iterators cost in a debug build
    for (int i = 0; i < rows; ++i)
        row[i] = i;
    return order;
}
} // namespace

RequestSortProxy::RequestSortProxy(RequestTableModel* model, QObject* parent)
    : QAbstractProxyModel(parent)
    , m_model(model) {
    setSourceModel(model);
    m_order = identity(model->rowCount());
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
    connect(model, &QAbstractItemModel::modelReset, this, &RequestSortProxy::sourceReset);
    connect(model, &QAbstractItemModel::rowsInserted, this, &RequestSortProxy::sourceRowsInserted);
}

void RequestSortProxy::sort(int column, Qt::SortOrder order) {
    // QTableView::sortByColumn asks twice (through the header's signal, then itself): sorted
    // already, or being sorted so on a worker, there is nothing to do (a second worker would
    // sort the million rows again, for nothing).
    if (column == m_column && order == m_sortOrder && (m_sorted || m_sorting))
        return;
    m_column = column;
    m_sortOrder = order;
    if (column >= 0 && rowCount() >= m_workerRows) {
        sortOnWorker();
        return;
    }
    ++m_request; // a worker's order still to come is not wanted any more
    setSorting(false);
    m_sorted = true;
    if (column < 0) { // the model's order again
        applyOrder(identity(m_model->rowCount()));
        return;
    }
    std::vector<int> sorted = m_order;
    m_model->sortKeys(column).sort(sorted, order);
    applyOrder(std::move(sorted));
}

void RequestSortProxy::sortOnWorker() {
    const quint64 request = ++m_request;
    m_sorted = false;
    auto* watcher = new QFutureWatcher<Sorted>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        takeSorted(watcher->future().takeResult());
    });
    // The order shown and the keys' rows are taken at the same moment: the same rows.
    watcher->setFuture(
        WorkerFuture::run<Sorted>([order = m_order, makeKeys = m_model->sortKeysJob(m_column),
                                   sortOrder = m_sortOrder, request]() mutable {
            Sorted sorted{std::move(order), makeKeys(), request};
            sorted.keys.sort(sorted.order, sortOrder);
            return sorted;
        }));
    setSorting(true);
}

void RequestSortProxy::takeSorted(Sorted sorted) {
    if (sorted.request != m_request)
        return; // another sort, or a reset, came since
    setSorting(false);
    // Rows that came meanwhile (a live run) follow, unsorted; another sort places them.
    const int sortedRows = int(sorted.order.size());
    std::vector<int> order = std::move(sorted.order);
    for (const int row : m_order) {
        if (row >= sortedRows)
            order.push_back(row);
    }
    m_sorted = int(order.size()) == sortedRows;
    m_model->adoptSortKeys(std::move(sorted.keys));
    applyOrder(std::move(order));
    if (!m_sorted)
        sortOnWorker();
}

void RequestSortProxy::applyOrder(std::vector<int> order) {
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // The selection and the current row follow their requests to where they go.
    const QModelIndexList before = persistentIndexList();
    QList<std::pair<int, int>> cells; // model row, column
    cells.reserve(before.size());
    for (const QModelIndex& index : before)
        cells.append({m_order[size_t(index.row())], index.column()});
    m_order = std::move(order);
    m_positionsValid = false;
    QModelIndexList after;
    after.reserve(cells.size());
    for (const auto& [row, column] : std::as_const(cells))
        after.append(index(positions()[size_t(row)], column));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RequestSortProxy::sourceReset() {
    m_order = identity(m_model->rowCount());
    m_positionsValid = false;
    ++m_request; // a worker's order of the rows before is dropped
    setSorting(false);
    m_sorted = m_column < 0;
    endResetModel();
    if (!m_sorted)
        sort(m_column, m_sortOrder);
}

void RequestSortProxy::sourceRowsInserted(const QModelIndex& parent, int first, int last) {
    if (parent.isValid())
        return;
    // Unsorted, or sorting on a worker (its order is placed with these after it), or too many
    // rows to place on the GUI thread (a text column's ranks are made anew): at the end.
    if (m_column < 0 || m_sorting) {
        appendRows(first, last);
        m_sorted = m_column < 0;
        return;
    }
    if (m_model->rowCount() >= m_workerRows) {
        if (m_sorted && m_model->extendsSortKeys(m_column)) {
            mergeRows(first, last);
            return;
        }
        appendRows(first, last);
        m_sorted = false;
        sortOnWorker();
        return;
    }
    insertSorted(first, last);
}

// A large sorted table's new rows, at once: their keys made (the shown rows' are kept), sorted
// among themselves and merged with the rows shown, ties after them. That is the order a stable
// sort of every row gives, as the worker's did at each refresh of a live run: decoding and
// sorting a million rows, a core kept busy, where this costs one pass over the order.
void RequestSortProxy::mergeRows(int first, int last) {
    const RequestSortKeys& keys = m_model->sortKeys(m_column);
    std::vector<int> added(size_t(last - first + 1));
    std::iota(added.begin(), added.end(), first);
    keys.sort(added, m_sortOrder);
    std::vector<int> merged;
    merged.reserve(m_order.size() + added.size());
    std::merge(m_order.cbegin(), m_order.cend(), added.cbegin(), added.cend(),
               std::back_inserter(merged),
               [&keys, this](int a, int b) { return keys.before(a, b, m_sortOrder); });
    appendRows(first, last); // the rows exist, then take their places
    applyOrder(std::move(merged));
}

void RequestSortProxy::appendRows(int first, int last) {
    const int at = int(m_order.size());
    beginInsertRows({}, at, at + last - first);
    for (int row = first; row <= last; ++row)
        m_order.push_back(row);
    m_positionsValid = false;
    endInsertRows();
}

// Where QSortFilterProxyModel's dynamic sort puts new rows, so that a live table shows what
// it did: the new rows sorted among themselves, then in groups, each group before the first
// row shown that the group's first row sorts before, with the new rows that follow it and
// do not sort after that shown row.
void RequestSortProxy::insertSorted(int first, int last) {
    const RequestSortKeys& keys = m_model->sortKeys(m_column);
    const auto before = [&keys, this](int a, int b) { return keys.before(a, b, m_sortOrder); };
    std::vector<int> added(size_t(last - first + 1));
    std::iota(added.begin(), added.end(), first);
    keys.sort(added, m_sortOrder);
    QList<std::pair<qsizetype, std::vector<int>>> groups; // proxy row (before insertion), rows
    const auto shown = m_order.cbegin();
    qsizetype at = 0;
    for (size_t i = 0; i < added.size();) {
        std::vector<int> group{added[i++]};
        at = std::upper_bound(shown + at, m_order.cend(), group.front(), before) - shown;
        while (i < added.size() &&
               (at == qsizetype(m_order.size()) || !before(m_order[size_t(at)], added[i])))
            group.push_back(added[i++]);
        groups.append({at, std::move(group)});
    }
    // From the last group back: the rows where the earlier groups go do not move.
    for (auto group = groups.crbegin(); group != groups.crend(); ++group) {
        const auto& [row, rows] = *group;
        beginInsertRows({}, int(row), int(row) + int(rows.size()) - 1);
        m_order.insert(m_order.begin() + row, rows.cbegin(), rows.cend());
        m_positionsValid = false;
        endInsertRows();
    }
}

void RequestSortProxy::setSorting(bool sorting) {
    if (sorting == m_sorting)
        return;
    m_sorting = sorting;
    Q_EMIT sortingChanged(sorting);
}

const std::vector<int>& RequestSortProxy::positions() const {
    if (!m_positionsValid) {
        // -1: a row the model has and this proxy not yet (placed group by group).
        m_positions.assign(std::max(size_t(m_model->rowCount()), m_order.size()), -1);
        for (size_t row = 0; row < m_order.size(); ++row)
            m_positions[size_t(m_order[row])] = int(row);
        m_positionsValid = true;
    }
    return m_positions;
}

QModelIndex RequestSortProxy::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex RequestSortProxy::parent(const QModelIndex&) const {
    return {};
}

int RequestSortProxy::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_order.size());
}

int RequestSortProxy::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_model->columnCount();
}

QModelIndex RequestSortProxy::mapToSource(const QModelIndex& proxyIndex) const {
    if (!proxyIndex.isValid() || proxyIndex.row() >= rowCount())
        return {};
    return m_model->index(m_order[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex RequestSortProxy::mapFromSource(const QModelIndex& sourceIndex) const {
    if (!sourceIndex.isValid() || size_t(sourceIndex.row()) >= positions().size())
        return {};
    return index(positions()[size_t(sourceIndex.row())], sourceIndex.column());
}
