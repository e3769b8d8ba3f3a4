#pragma once

#include <QString>

// Titles and help texts of the level table's own columns (LevelTableModel::Column below
// FirstServerColumn; the server's are ServerLevelColumns). Titles carry the units so cells
// can stay bare numbers.
class LevelColumns {
public:
    static QString title(int column);
    static QString help(int column);
};
