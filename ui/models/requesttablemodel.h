#pragma once

#include "models/requestsortkeys.h"
#include "record/recordstore.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

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

    // Every row's sort key for `column` (SortRole's order; RequestSortProxy sorts by them),
    // made once per column and kept; live rows get theirs added (a text column's ranks are
    // made anew). On the GUI thread: for a small table.
    const RequestSortKeys& sortKeys(int column) const;
    // The same made on a worker, for a large table: the job shares the rows and the packed
    // records as they are now, and touches nothing else.
    std::function<RequestSortKeys()> sortKeysJob(int column) const;
    // Keys a job made: kept when they are still for these rows (no reset since).
    void adoptSortKeys(RequestSortKeys keys);
    // Whether the keys of `column` are kept for these rows and new rows' keys are only added
    // (a number column): sortKeys() then decodes the new rows alone.
    bool extendsSortKeys(int column) const;
    // SortRole's value: a double, or the text for a text column (any thread).
    static QVariant sortValue(const RequestRecord& record, int column);

private:
    bool accepts(const RecordStore::Brief& record) const; // level and warm-up only: no decode
    void rebuild();
    static QVariant display(const RequestRecord& record, int column, qint64 runStartNs);

    RunCollection* m_runs;
    int m_runId = -1;
    int m_level = -1;
    bool m_showWarmup = false;
    qint64 m_runStartNs = -1;
    RecordStore m_records;       // shared copy of the run's records
    QList<int> m_rows;           // indices into m_records
    qsizetype m_scanned = 0;     // records already looked at
    quint64 m_lastScannedId = 0; // detects a replaced (not appended) record list
    quint64 m_generation = 0;    // counts rebuilds: sort keys of other rows are not these
    mutable RequestSortKeys m_sortKeys;
};
