#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

// Editor for an endpoint's extra request headers: a two-column table with Add/Remove.
class HeadersTable : public QWidget {
    Q_OBJECT
public:
    explicit HeadersTable(QWidget* parent = nullptr);

    void setHeaders(const QList<QPair<QString, QString>>& headers);
    // Rows with an empty name are left out (and reported by problem()).
    QList<QPair<QString, QString>> headers() const;
    QString problem() const; // "" when every row is usable

    void addRow(const QString& name = {}, const QString& value = {});
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget* m_table;
};
