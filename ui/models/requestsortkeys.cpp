#include "models/requestsortkeys.h"

#include "models/requesttablemodel.h"

#include <QString>

#include <algorithm>

RequestSortKeys RequestSortKeys::make(const RecordStore& records, const QList<int>& rows,
                                      int column) {
    RequestSortKeys keys;
    keys.column = column;
    keys.extend(records, rows);
    return keys;
}

void RequestSortKeys::extend(const RecordStore& records, const QList<int>& rows) {
    const qsizetype from = qsizetype(values.size());
    values.resize(size_t(rows.size()));
    QList<QString> texts; // a text column: each row's text, then replaced by its rank
    for (qsizetype row = from; row < rows.size(); ++row) {
        const QVariant value = RequestTableModel::sortValue(records.at(rows.at(row)), column);
        if (value.typeId() == QMetaType::Double)
            values[size_t(row)] = value.toDouble();
        else
            texts.append(value.toString());
    }
    if (texts.isEmpty())
        return;
    Q_ASSERT(from == 0); // ranks are made for every row at once
    ranks = true;
    QList<QString> distinct = texts;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (qsizetype row = 0; row < texts.size(); ++row)
        values[size_t(row)] =
            double(std::lower_bound(distinct.cbegin(), distinct.cend(), texts.at(row)) -
                   distinct.cbegin());
}

void RequestSortKeys::sort(std::vector<int>& rows, Qt::SortOrder order) const {
    std::stable_sort(rows.begin(), rows.end(),
                     [this, order](int a, int b) { return before(a, b, order); });
}
