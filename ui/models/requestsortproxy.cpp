#include "models/requestsortproxy.h"

#include "models/requesttablemodel.h"

RequestSortProxy::RequestSortProxy(RequestTableModel* model, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_model(model) {
    setSourceModel(model);
    setSortRole(RequestTableModel::SortRole); // what the keys are made of
}

bool RequestSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    return m_model->sortsBefore(left.row(), right.row(), left.column());
}
