#pragma once

#include "models/requestsortkeys.h"

#include <QAbstractProxyModel>

#include <vector>

class RequestTableModel;

// The request table's order (issue 17): a permutation of the model's rows, sorted by the
// model's keys (RequestSortKeys). A table of many rows (a level of a million requests) is
// sorted on a worker: the keys decoded and the rows ordered there, the view showing the
// previous order meanwhile (sortingChanged), then the new order applied on the GUI thread in
// one layout change. QSortFilterProxyModel did it all on the GUI thread: a second of frozen
// window. A smaller table sorts at once. The order is QSortFilterProxyModel's: a stable sort
// of the order shown (ties keep it), and rows that come live into a sorted table go where
// its dynamic sort put them; in a large table sorted by a number, they are merged into the
// order shown (a live run's refresh costs its new rows, not a sort of every row again). The
// model only appends rows or resets: nothing else of the source is forwarded.
class RequestSortProxy : public QAbstractProxyModel {
    Q_OBJECT
public:
    explicit RequestSortProxy(RequestTableModel* model, QObject* parent = nullptr);

    // From this many rows a sort runs on a worker (tests lower it to see that path).
    static constexpr int kWorkerRows = 50'000;
    void setWorkerRows(int rows) { m_workerRows = rows; }
    bool isSorting() const { return m_sorting; } // a worker sorts; the rows keep their order
    int sortColumn() const { return m_column; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;

Q_SIGNALS:
    void sortingChanged(bool sorting);

private:
    struct Sorted {
        std::vector<int> order;
        RequestSortKeys keys;
        quint64 request = 0;
    };
    void sourceReset();
    void sourceRowsInserted(const QModelIndex& parent, int first, int last);
    void sortOnWorker();
    void takeSorted(Sorted sorted);
    void applyOrder(std::vector<int> order);
    void appendRows(int first, int last);
    void insertSorted(int first, int last);
    void mergeRows(int first, int last);
    void setSorting(bool sorting);
    const std::vector<int>& positions() const;

    RequestTableModel* m_model;
    std::vector<int> m_order;             // proxy row -> model row
    mutable std::vector<int> m_positions; // model row -> proxy row, made when asked for
    mutable bool m_positionsValid = false;
    int m_column = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_workerRows = kWorkerRows;
    quint64 m_request = 0; // counts sorts and resets: a worker's older order is dropped
    bool m_sorting = false;
    bool m_sorted = true; // the order shown is sorted by m_column (no row appended unsorted)
};
