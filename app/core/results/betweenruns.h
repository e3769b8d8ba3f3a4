#pragma once

#include "metrics/levelsummary.h"
#include "results/betweenrunfigure.h"
#include "results/runrepetition.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

// The between-run figures of a repeated run (issue 13): per level, matched by load across
// the repetitions (concurrency, or rate), the mean and 95% interval of each main figure, and
// the same for the plateau's throughput. Only complete levels count: a level a stop rule or
// Ctrl-C cut short is not a measurement of the same thing.
struct BetweenRuns {
    struct Level {
        bool isRate = false;
        int concurrency = 0;
        double rate = 0.0;
        int runs = 0;                                        // repetitions that completed this load
        QList<std::pair<QString, BetweenRunFigure>> figures; // in figureKeys() order

        const BetweenRunFigure* figure(const QString& key) const;
        bool matches(const LevelSummary& level) const;
        // {"runs": n, "output_tps": {...}, "request_rps": {...}, "ttft_p95_ms": {...}, ...}
        QJsonObject toJson() const;
        static Level fromJson(const QJsonObject& object, const LevelSummary& level);
    };

    int runs = 0; // repetitions behind the figures; 0 for a run that was not repeated
    BetweenRunFigure plateauTps;
    QList<Level> levels;

    bool isEmpty() const { return runs == 0; }
    const Level* level(const LevelSummary& summary) const;

    // "output_tps", "request_rps", "ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", the same for
    // tpot and e2e.
    static QStringList figureKeys();
    // A level's value of one of figureKeys(); NaN when it has none.
    static double figureOf(const LevelSummary& level, const QString& key);
    // Levels in the order of their first appearance.
    static BetweenRuns compute(const QList<RunRepetition>& repetitions);
};
