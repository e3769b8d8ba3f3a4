#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QString>

class RecordStore;
class RunCollection;
struct RequestRecord;

// The errors view of the current run: a tree whose top rows are error classes (http_429,
// timeout, ...) and whose children are the distinct failure messages of that class;
// column 0 names them, then one count column per level, then the total. Warm-up requests
// are left out, as in the statistics. New failures are folded in incrementally (rows
// inserted, counts changed in place); only a new level (a new column) resets the model.
class ErrorsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1, // int count, or the text in column 0
        ErrorClassRole,              // QString: the class of a row or of its parent
        LevelIndexRole,              // int: level of a count column (-1 for name / total)
    };
    // Distinct messages kept per class; the rest are counted under "other messages", so a
    // server that puts request ids into its errors cannot grow the tree without bound.
    static constexpr int MaxMessagesPerClass = 25;

    explicit ErrorsModel(RunCollection* runs, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int totalErrors() const { return m_total; }
    void reload();

private:
    struct Counts {
        QString text;
        QList<int> perLevel; // parallel to m_levelIndices
        int total = 0;
    };
    struct ClassRow {
        Counts counts;
        QList<Counts> messages;
        QHash<QString, int> messageRow;
    };

    void rebuild();
    QList<int> currentLevels(QStringList* labels) const;
    // Adds one failure; when `notify` is set, emits the row inserts it causes and records
    // which rows changed so reload() can emit dataChanged once per row.
    void addFailure(const RequestRecord& record, bool notify);
    void addFailureAt(const RecordStore& records, qsizetype i, bool notify);
    const Counts* countsOf(const QModelIndex& index) const;

    RunCollection* m_runs;
    int m_runId = -1;
    QList<int> m_levelIndices; // columns 1..n
    QStringList m_levelLabels;
    QHash<int, int> m_levelColumn; // level index -> position in m_levelIndices
    QList<ClassRow> m_classes;
    QHash<QString, int> m_classRow;
    int m_total = 0;
    qsizetype m_scanned = 0;
    quint64 m_lastScannedId = 0;
    QList<QPair<int, int>> m_changed; // (class row, message row or -1)
};
