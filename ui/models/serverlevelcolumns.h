#pragma once

#include "results/serverrunmetrics.h"

#include <QString>
#include <QVariant>

// The level table's server columns (issue 12): what the server's own /metrics said over each
// level's steady window, and the cross-check of its generation tok/s against the client's.
// Kept apart from LevelTableModel so the model stays one screenful per concern; `figures` is
// null for a level the run has no server figures for (every cell then shows "—").
class ServerLevelColumns {
public:
    enum Column { GenerationTps, Running, Waiting, KvMax, PrefixHit, CrossCheck, Count };

    static QString title(int column);
    static QString help(int column);
    static double numeric(const ServerLevelFigures* figures, int column); // NaN when missing
    static QVariant display(const ServerLevelFigures* figures, int column);
    static QString toolTip(const ServerLevelFigures* figures, int column);
    // The cross-check cell of a level whose server and client disagree by more than 5%.
    static bool flagged(const ServerLevelFigures* figures, int column);
};
