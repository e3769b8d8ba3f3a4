#pragma once

#include "record/recordstore.h"

#include <QList>
#include <Qt>

#include <vector>

// The request table's sort keys for one column (issue 17): a number per row, made from its
// record once, so a sort compares doubles instead of decoding two records per comparison
// (minutes for a million rows). A text column's key is the text's rank among the column's
// texts, which keeps QString's order (QSortFilterProxyModel's default, case-sensitive): equal
// texts tie. Made on the GUI thread for a small table, on a worker for a large one
// (RequestSortProxy): it touches nothing but the records and rows it is given.
struct RequestSortKeys {
    int column = -1;
    bool ranks = false;         // a text column: ranks, to be made anew when rows come
    quint64 generation = 0;     // the model's rows these are for (RequestTableModel)
    std::vector<double> values; // by model row

    // Every row's key; `rows` are indices into `records`.
    static RequestSortKeys make(const RecordStore& records, const QList<int>& rows, int column);
    // The keys of rows appended since (a number column only: ranks change with new texts).
    void extend(const RecordStore& records, const QList<int>& rows);

    // Whether rowA goes before rowB in `order` (descending: the greater key first).
    bool before(int rowA, int rowB, Qt::SortOrder order) const {
        return order == Qt::AscendingOrder ? values[size_t(rowA)] < values[size_t(rowB)]
                                           : values[size_t(rowB)] < values[size_t(rowA)];
    }
    // Sorts `rows` stably: ties keep the order they had, as QSortFilterProxyModel's sort does.
    void sort(std::vector<int>& rows, Qt::SortOrder order) const;
};
