#pragma once

#include "record/recordstore.h"

#include <QAbstractTableModel>
#include <QList>

#include <vector>

class RunCollection;

// Every request of one level of the current run, in finishing order. Records only ever
// get appended during a run, so a live refresh scans just the new ones and inserts their
// rows; data() reads fields directly (no per-row caches) so a level with many thousands
// of requests refreshes in well under a frame.
class RequestTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        TSend,
        Ttft,
        Tpot,
        E2e,
        InputTokens,
        InputSource,
        OutputTokens,
        OutputSource,
        Status,
        Error,
        Message,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 }; // double, or string for text columns

    explicit RequestTableModel(RunCollection* runs, QObject* parent = nullptr);

    // The level (LevelSummary::index / RequestRecord::level) whose requests to list; -1 none.
    void setLevel(int levelIndex);
    int level() const { return m_level; }
    // Warm-up requests are hidden unless asked for (they are not in the statistics).
    void setShowWarmup(bool show);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    RequestRecord record(int row) const; // decoded from the run's packed records
    void reload();
    // Whether rowA sorts before rowB by `column` (SortRole's order). Each row's key is
    // decoded once per column and kept: a proxy asking data(SortRole) decoded two records
    // per comparison, minutes for a million rows (issue 17; RequestSortProxy).
    bool sortsBefore(int rowA, int rowB, int column) const;

private:
    bool accepts(const RecordStore::Brief& record) const; // level and warm-up only: no decode
    void rebuild();
    QVariant display(const RequestRecord& record, int column) const;
    QVariant sortValue(const RequestRecord& record, int column) const;
    void computeSortKeys(int column) const;

    RunCollection* m_runs;
    int m_runId = -1;
    int m_level = -1;
    bool m_showWarmup = false;
    qint64 m_runStartNs = -1;
    RecordStore m_records;       // shared copy of the run's records
    QList<int> m_rows;           // indices into m_records
    qsizetype m_scanned = 0;     // records already looked at
    quint64 m_lastScannedId = 0; // detects a replaced (not appended) record list
    // sortsBefore()'s keys, by row: the value, or for a text column its rank among the texts.
    mutable int m_keyColumn = -1;
    mutable bool m_keysAreRanks = false;
    mutable std::vector<double> m_sortKeys;
};
