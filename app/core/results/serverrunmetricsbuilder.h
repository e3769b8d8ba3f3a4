#pragma once

#include "metrics/levelsummary.h"
#include "results/serverrunmetrics.h"
#include "servermetrics/servermetricstimeline.h"

#include <QList>
#include <QString>
#include <QStringList>

// Turns the scraped timeline into what results keep (ServerRunMetrics): the series as
// compact points, and per level the server's figures over the level's steady window with the
// cross-check of its generation tok/s against the client's measured output tok/s. One piece
// for the live run (SweepEngine) and for recovery from a journal (JournalRebuilder), so both
// give the same figures from the same scrapes.
class ServerRunMetricsBuilder {
public:
    struct Source {
        QString url; // as it may be shown
        int intervalMs = 0;
        QStringList extraNames;
        QList<ServerRunMetrics::Warning> warnings;
    };

    static ServerLevelFigures figuresFor(const ServerMetricsTimeline& timeline,
                                         const LevelSummary& level);
    static ServerRunMetrics build(const ServerMetricsTimeline& timeline, const Source& source,
                                  const QList<LevelSummary>& levels);
};
