#include "editors/headerstable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

HeadersTable::HeadersTable(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this)) {
    m_table->setObjectName(u"headersTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(fontMetrics().height() * 5);
    m_table->setMaximumHeight(fontMetrics().height() * 8);

    auto* add = new QPushButton(tr("Add header"), this);
    add->setObjectName(u"addHeader"_s);
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(u"removeHeader"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, &HeadersTable::changed);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
}

void HeadersTable::setHeaders(const QList<QPair<QString, QString>>& headers) {
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    for (const auto& [name, value] : headers)
        addRow(name, value);
}

void HeadersTable::addRow(const QString& name, const QString& value) {
    {
        const QSignalBlocker blocker(m_table);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    }
    Q_EMIT changed();
}

QList<QPair<QString, QString>> HeadersTable::headers() const {
    QList<QPair<QString, QString>> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name =
            m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!name.isEmpty())
            out.append({name, value});
    }
    return out;
}

QString HeadersTable::problem() const {
    // RFC 9110 token characters; anything else would be rejected by the network stack.
    static const QRegularExpression token(u"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"_s);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name =
            m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (name.isEmpty() && !value.isEmpty())
            return tr("row %1 has a value but no header name").arg(row + 1);
        if (!name.isEmpty() && !token.match(name).hasMatch())
            return tr("\"%1\" is not a valid HTTP header name").arg(name);
        if (value.contains(u'\n') || value.contains(u'\r'))
            return tr("the value of \"%1\" contains a line break").arg(name);
    }
    return {};
}
