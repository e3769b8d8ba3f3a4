#pragma once

#include "metrics/levelsummary.h"
#include "profile/endpointprice.h"
#include "results/serverrunmetrics.h"
#include "results/servertimingmedians.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

class RunCollection;

// One row per level of the current run, every summary metric a column. Follows the
// RunCollection's current run; a live refresh that only adds levels inserts rows and
// otherwise emits dataChanged, so views keep their selection and scroll position.
class LevelTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Label,
        Batch, // embeddings runs (issue 14): inputs per request at the level
        Requests,
        Successes,
        Errors,
        OutputTps,
        TotalTps,
        // Embeddings runs (issue 14) show these instead of the output-token and token-timing
        // columns, which they cannot have (isColumnShown()).
        InputsPerS,
        InputTps,
        RequestRps,
        AchievedConcurrency,
        Goodput,
        TtftP50,
        TtftP95,
        TtftP99,
        TpotP50,
        TpotP95,
        E2eP50,
        E2eP95,
        E2eP99,
        ItlP50,
        ItlP99,
        QueueMax,
        ClientBound,
        WithinBudget,
        // At the endpoint's price (issue 14): hidden when the run has none.
        CostPerMtok,
        CostPerKRequests,
        // The server's own timings of each request (issue 14, Ollama), medians: hidden when
        // no request carried them.
        ReportedPromptEval,
        ReportedTpot,
        ReportedTotal,
        // The server's own figures (issue 12): "—" when the run did not scrape them.
        SrvTps,
        SrvRunning,
        SrvWaiting,
        SrvKvMax,
        SrvPrefixHit,
        SrvCrossCheck,
        ColumnCount,
        FirstServerColumn = SrvTps
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // double: numeric sort (NaN sorts first)
        LevelIndexRole,              // int: LevelSummary::index of the row
        BestRole,                    // bool: the best level within the latency budget
    };

    explicit LevelTableModel(RunCollection* runs, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Row of a level (by LevelSummary::index), -1 if absent.
    int rowOfLevel(int levelIndex) const;
    int bestLevel() const { return m_bestLevel; }
    // Whether the current run scraped the server's metrics (views hide the server columns
    // otherwise); serverColumnsChanged() says when that flips.
    bool hasServerMetrics() const { return m_hasServer; }
    // Whether the current run's endpoint has a price (views hide the cost columns otherwise).
    bool hasPrice() const { return m_price.isSet(); }
    // Whether the current run measured embeddings (issue 14): inputs/s and input tok/s then
    // stand where output tok/s and TTFT/TPOT/ITL stand for a generation run.
    bool isEmbeddings() const { return m_embeddings; }
    // Whether a view should show the column for the current run: the server, cost and
    // embeddings columns only when the run has them, the token-timing ones only when it can.
    bool isColumnShown(int column) const;

    // Re-reads the current run; called on the RunCollection's signals.
    void reload();

Q_SIGNALS:
    void serverColumnsChanged(bool shown);
    void costColumnsChanged(bool shown);
    void kindColumnsChanged(bool embeddings);
    void timingColumnsChanged(bool shown);

private:
    double numeric(const LevelSummary& level, int column) const;
    QVariant display(const LevelSummary& level, int column) const;
    QVariant toolTip(const LevelSummary& level, int column) const;
    const ServerLevelFigures* serverFigures(const LevelSummary& level) const;
    void reloadServerTimings(int runId, const RunResult* result);
    double reportedTiming(const LevelSummary& level, int column) const;
    QString reportedTimingToolTip(const LevelSummary& level, int column) const;

    RunCollection* m_runs;
    int m_runId = -1;
    QList<LevelSummary> m_levels;
    int m_bestLevel = -1;
    ServerRunMetrics m_server; // the current run's (series and per-level figures)
    bool m_hasServer = false;
    EndpointPrice m_price; // the current run's endpoint's (issue 14)
    bool m_embeddings = false;
    // The server's own per-request timings (issue 14), recomputed only when the run or its
    // count of finished levels changes: one decode of every record, not one per refresh.
    QHash<int, LevelServerTimings> m_timings;
    QString m_timingsKey;
};
