#pragma once

#include "results/runcomparison.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>

// Two runs side by side (BASE and NEW, as `plateau-cli compare` names them): one row per
// level matched by load (the plateau first), one column per main figure, each cell the
// change Δ% with its 95% interval. The statistics are the CLI's (RunComparison: Welch's t on
// the batch-means intervals for throughput, the bootstrap for latency percentiles); a cell is
// coloured only where the change is significant, green when better, vermillion when worse.
class CompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles { SignificantRole = Qt::UserRole + 1, BetterRole };

    explicit CompareModel(QObject* parent = nullptr);

    void compare(const RunResult& base, const QString& baseName, const RunResult& candidate,
                 const QString& candidateName);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The comparison in a cell; null for the level column and figures not compared there.
    const FigureComparison* comparison(int row, int column) const;
    QString verdict() const;             // one line: how many figures moved, which way
    QStringList unmatchedLevels() const; // "c=64 only in NEW"
    int significantCount() const;
    int betterCount() const;
    int worseCount() const;

    // Significant and in the figure's good direction (higher throughput, lower latency).
    static bool isBetter(const FigureComparison& row);
    static bool isWorse(const FigureComparison& row);

private:
    struct Row {
        QString label;          // "Plateau", "c=16"
        QList<qsizetype> cells; // index into m_rows per figure column, -1 when none
    };
    QString cellText(const FigureComparison& row) const;
    QString cellToolTip(const FigureComparison& row) const;

    QStringList m_figures; // column figures after the level column
    QList<FigureComparison> m_rows;
    QList<Row> m_table;
    QStringList m_unmatched;
    QString m_baseName;
    QString m_candidateName;
};
